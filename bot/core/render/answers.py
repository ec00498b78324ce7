"""Query results as Slack replies: every piece of corpus or user text is escaped as it enters a block."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.models import Article, EntityType
from bot.core.query import InstallationSummary, Profile, RoleSummary
from bot.core.render.blockkit import (
    Block,
    Reply,
    actions,
    bullets,
    clip,
    context,
    divider,
    escape,
    fitting,
    header,
    joined,
    link,
    more_line,
    quote,
    section,
    sections,
    truncate,
)
from bot.core.render.rest import rest_actions
from bot.core.store.records import ArticleRow, EntityRow
from bot.core.store.search import HIT_END, HIT_START, MAX_RANKED, Hit, more_than_ranked

TYPE_LABELS = {
    EntityType.PERSON: "Person",
    EntityType.ORGANISATION: "Organisation",
    EntityType.PLACE: "Place",
    EntityType.INSTALLATION: "Military installation",
}
COMPANION_GROUPS = (
    (EntityType.PERSON, "People"),
    (EntityType.PLACE, "Places"),
    (EntityType.ORGANISATION, "Organisations"),
    (EntityType.INSTALLATION, "Installations"),
)
# Sentences quoted in lists are cut so that a page of results stays readable.
SENTENCE_CHARS = 280
MAX_ROLES_IN_HEAD = 3
# The installations a place's profile lists before counting the rest (`/bases PLACE` lists them all).
MAX_INSTALLATIONS_IN_PROFILE = 8
# The other titles' line (past MAX_ROLES_IN_HEAD): with "Also:" and the count, it fits a section whole.
OTHER_ROLES_CHARS = 2_900
QUOTE_CHARS = 600
# How much of one headline or name a line shows (escaped): every line of a list then fits a section whole.
HEADLINE_CHARS = 300
NAME_CHARS = 120
# How much of a search hit's snippet is shown (escaped): with its headline and link, a hit fits a section whole.
SNIPPET_CHARS = 1200


def plural(n: int, word: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def day(when: datetime) -> str:
    """A date as news lists show it: "15 Oct 2025"."""
    return when.strftime("%-d %b %Y")


def article_day(article: ArticleRow | Hit | Article) -> str:
    """An article's date as lists show it; when the article gave none, the date it was indexed, said as such:
    "undated (indexed 15 Oct 2025)"."""
    return day(article.published) if article.dated else f"undated (indexed {day(article.published)})"


def source_link(article: ArticleRow | Hit) -> str:
    """The article's link, or its source name, as mrkdwn (a link too long to keep whole shows the name only)."""
    return link(article.url, _short_source(article.source or article.url or ""))


def _short_source(source: str) -> str:
    return source.rstrip("/").rsplit("/", 1)[-1] or source


def _italic(sentence: str) -> str:
    """A corpus sentence in italics: one line (mrkdwn italics cannot span lines), escaped, cut to length."""
    return f"_{clip(' '.join(sentence.split()), SENTENCE_CHARS)}_"


def name(entity: EntityRow) -> str:
    """An entity's name as lists show it: escaped, an absurdly long one shortened."""
    return clip(entity.name, NAME_CHARS)


def _cite(article: ArticleRow) -> str:
    """Where a statement comes from, briefly: source and date."""
    return f"{source_link(article)}, {article_day(article)}"


def article_line(article: ArticleRow) -> str:
    """*Headline* · date · source, short enough to fit a section whole."""
    return f"*{clip(article.headline, HEADLINE_CHARS)}* · {article_day(article)} · {source_link(article)}"


def listed(
    lines: Sequence[str], head: str, total: int, start: int, more: str | None, noun: str, nouns: str = ""
) -> tuple[list[Block], int]:
    """A section of the whole `lines` that fit under `head` (items start+1… of `total`), then, if any item is not
    shown, "…and N more" and a button running `more` + the number of the first item not shown."""
    bulleted = [f"• {line}" for line in lines]
    shown = max(1, fitting(bulleted, head=head)) if bulleted else 0
    blocks = [section("\n".join([*([head] if head else []), *bulleted[:shown]]))] if shown else []
    rest = total - start - shown
    if rest > 0:
        blocks.append(context(more_line(rest, noun, nouns)))
        if more is not None:
            blocks.append(actions([(f"More {nouns or noun + 's'}", f"{more} --from {start + shown + 1}")]))
    return blocks, shown


def profile_reply(p: Profile, note: str = "", start: int = 0) -> Reply:
    """/who: who or what it is, in which roles, where it appears (articles start+1…), what it said, and with whom;
    articles that do not fit are counted, with a button that shows them."""
    e = p.entity
    summary = _profile_summary(p)
    blocks: list[Block] = [header(e.name), section(summary)]
    if note:
        blocks.append(context(escape(note)))
    if p.roles:
        lines = [f"*{clip(r.title, NAME_CHARS)}* — {_italic(r.example.sentence)} "
                 f"({_cite(r.example.article)})" for r in p.roles[:MAX_ROLES_IN_HEAD]]  # fmt: skip
        blocks += sections([f"• {line}" for line in lines] + _other_roles(p.roles[MAX_ROLES_IN_HEAD:]), head="*Roles*")
    if p.installation is not None:
        blocks.append(section(_installation_detail(p.installation)))
    if p.installations_there:
        blocks += _installations_there(e, p.installations_there)
    lines = [f"{article_line(s.article)}\n      {_italic(s.sentence)}" for s in p.sightings]
    listing, _shown = listed(lines, "*Articles*", e.article_count, start, f"/who {e.name}", "article")
    if not listing and start and e.article_count:  # a page past the last (typed, or an old button)
        ended = f"The {plural(e.article_count, 'article')} end before number {start + 1}: `/who {e.name}` shows page 1."
        listing = [section(f"*Articles*\n{escape(ended)}")]
    blocks += [divider(), *listing] if listing else []
    if p.quotes:
        lines = [f"{quote(truncate(q.text, QUOTE_CHARS))}\n— {_cite(q.article)}" for q in p.quotes]
        blocks += sections(lines, head="*Quotes*")
    if p.companions:
        blocks += sections(_companions(p.companions), head="*Appears with*")
    text = f"{e.name}: {summary.replace('*', '')}"
    return Reply(text=text, blocks=blocks)


def _other_roles(roles: Sequence[RoleSummary]) -> list[str]:
    """The titles past the first few, without their sentences, as many as fit a line; the rest counted."""
    if not roles:
        return []
    shown, more = joined([clip(r.title, NAME_CHARS) for r in roles], OTHER_ROLES_CHARS)
    return [f"Also: {shown}" + (f" and {plural(more, 'more role')}" if more else "")]


def _profile_summary(p: Profile) -> str:
    e = p.entity
    parts = [f"*{TYPE_LABELS[e.type]}*"]
    if p.installation is not None:
        parts.append(clip(p.installation.kind, NAME_CHARS))
    if p.roles:
        parts.append("; ".join(clip(r.title, NAME_CHARS) for r in p.roles[:MAX_ROLES_IN_HEAD]))
    parts.append(f"in {plural(e.article_count, 'article')}")
    return " · ".join(parts)


def _companions(companions: Sequence[tuple[EntityRow, int]]) -> list[str]:
    lines = []
    for kind, label in COMPANION_GROUPS:
        group = [f"{name(e)} ({n})" for e, n in companions if e.type is kind]
        if group:
            lines.append(f"{label}: {', '.join(group)}")
    return lines


def _installations_there(place: EntityRow, found: Sequence[InstallationSummary]) -> list[Block]:
    """The first few installations a place keeps or has, one line each; the rest counted, with `/bases PLACE`."""
    lines = [_installation_line(item) for item in found[:MAX_INSTALLATIONS_IN_PROFILE]]
    blocks = sections([f"• {line}" for line in lines], head="*Military installations*")
    more = len(found) - len(lines)
    tail = f"{more_line(more, 'installation', '')} · " if more > 0 else ""
    return [*blocks, context(f"{tail}`/bases {escape(place.name)}` lists them with their context")]


def _installation_line(item: InstallationSummary) -> str:
    return f"*{name(item.entity)}* — {' · '.join(_base_facts(item))}"


def _installation_detail(item: InstallationSummary) -> str:
    facts = [f"*Kind:* {clip(item.kind, NAME_CHARS)}"]
    facts.append(f"*Operator:* {clip(item.operator, NAME_CHARS) if item.operator else 'not stated'}")
    facts.append(f"*Location:* {clip(item.location, NAME_CHARS) if item.location else 'not stated'}")
    return " · ".join(facts) + f"\n{quote(truncate(item.context, SENTENCE_CHARS))}"


def choices_reply(query: str, choices: Sequence[EntityRow], exact: bool = False) -> Reply:
    """Several entities match (`exact`: by the name as typed, else by a near spelling): a short list with buttons
    that run each lookup."""
    lines = [f"*{name(e)}* — {TYPE_LABELS[e.type].lower()}, {plural(e.article_count, 'article')}"
             for e in choices]  # fmt: skip
    intro = (
        f"Several match “{escape(query)}”. Which one?"
        if exact
        else f"No exact match for “{escape(query)}”. Did you mean:"
    )
    blocks = [
        section(f"{intro}\n" + bullets(lines)),
        actions([(e.name, f"/who {e.name}") for e in choices]),
    ]
    return Reply(text=f"Did you mean: {', '.join(e.name for e in choices)}?", blocks=blocks)


# What a person asking is told while the database is away (an outage passes: asking again is the remedy).
UNAVAILABLE_TEXT = "The index is unavailable right now (its database cannot be reached). Please try again shortly."


def unavailable_reply() -> Reply:
    """The answer to anything while the database cannot be reached."""
    return Reply(text=UNAVAILABLE_TEXT, blocks=[section(escape(UNAVAILABLE_TEXT))])


def not_found_reply(query: str, suggestions: Sequence[EntityRow]) -> Reply:
    """Nothing matches: say so, and offer the nearest names and a full-text search."""
    text = f"Not found: no person, place, organisation or installation called “{query}” in the corpus."
    blocks: list[Block] = [section(escape(text))]
    buttons = [(e.name, f"/who {e.name}") for e in suggestions]
    if suggestions:
        blocks.append(section("Closest names: " + ", ".join(f"*{escape(e.name)}*" for e in suggestions)))
    blocks.append(context(f"Try `/search {escape(query)}` to look through the articles' text."))
    if buttons:
        blocks.append(actions(buttons))
    return Reply(text=text, blocks=blocks)


def bases_reply(items: Sequence[InstallationSummary], query: str, page: int, per_page: int) -> Reply:
    """/bases: each installation once, with operator, location, article count and a context sentence."""
    title = f"Military installations{f' — {query}' if query else ''}"
    start = (page - 1) * per_page
    shown = items[start : start + per_page]
    blocks: list[Block] = [header(title), context(f"{plural(len(items), 'installation')} in the corpus")]
    for item in shown:
        blocks.append(section(_base_line(item)))
    if start + per_page < len(items):
        blocks.append(actions([("More", f"/bases {query} --page {page + 1}".replace("  ", " "))]))
    text = f"{title}: " + "; ".join(_base_text(i) for i in shown)
    return Reply(text=text, blocks=blocks)


def _base_line(item: InstallationSummary) -> str:
    """One installation, short enough for a section of its own (each name cut, the context sentence too)."""
    facts = [*_base_facts(item), plural(item.entity.article_count, "article")]
    return f"*{name(item.entity)}* — {' · '.join(facts)}\n{quote(truncate(item.context, SENTENCE_CHARS))}"


def _base_facts(item: InstallationSummary) -> list[str]:
    """An installation's kind, and its operator and location when stated, each cut to a name's length."""
    facts = [clip(item.kind, NAME_CHARS)]
    if item.operator:
        facts.append(f"operator: {clip(item.operator, NAME_CHARS)}")
    if item.location:
        facts.append(f"location: {clip(item.location, NAME_CHARS)}")
    return facts


def _base_text(item: InstallationSummary) -> str:
    who = f" ({item.operator})" if item.operator else ""
    return f"{item.entity.name}{who}"


def no_bases_reply(query: str, known: Sequence[InstallationSummary]) -> Reply:
    """No installation matches the filter: say so and list what the filter could be."""
    operators = sorted({i.operator for i in known if i.operator})
    text = f"No military installations match “{query}”."
    if operators:
        hint = f"Operators in the corpus: {', '.join(operators)}."
    elif known:
        hint = f"The corpus names {plural(len(known), 'installation')}: try /bases without a filter."
    else:
        hint = "The corpus names no installations yet."
    return Reply(text=text, blocks=[section(escape(text)), context(escape(hint))])


def search_reply(
    query: str,
    hits: Sequence[Hit],
    total: int,
    page: int,
    per_page: int,
    notes: Sequence[str] = (),
    any_word: bool = False,
) -> Reply:
    """/search: ranked articles with the matching words in bold; `total` as `bot.core.store.search.search` counts
    it; `notes` say what of the query was ignored, one line each."""
    title = f"Search: {query}"
    blocks: list[Block] = [header(title), context(search_count(total, any_word))]
    blocks += [context(escape(note)) for note in notes]
    for hit in hits:
        headline = clip(hit.headline, HEADLINE_CHARS)
        blocks.append(section(f"*{headline}* · {article_day(hit)} · {source_link(hit)}\n{snippet_mrkdwn(hit.snippet)}"))
    if (page - 1) * per_page + len(hits) < min(total, MAX_RANKED):
        blocks.append(actions([("More results", f"/search {query} --page {page + 1}")]))
    text = f"{title}: " + "; ".join(h.headline for h in hits)
    return Reply(text=text, blocks=blocks)


def snippet_mrkdwn(snippet: str, limit: int = SNIPPET_CHARS) -> str:
    """A search snippet (corpus text, matches between HIT_START and HIT_END) as escaped mrkdwn of about `limit`
    characters, matches in bold; a match the cut leaves open is closed."""
    cut = clip(snippet, limit)
    if cut.count(HIT_START) > cut.count(HIT_END):
        cut = cut.removesuffix("…") + HIT_END + ("…" if cut.endswith("…") else "")
    return cut.replace(HIT_START, "*").replace(HIT_END, "*")


def search_count(total: int, any_word: bool = False) -> str:
    """How many articles a search matched, saying so plainly when there are more than are served, or when only
    some of the words were found together."""
    if more_than_ranked(total):
        count, tail = f"more than {MAX_RANKED:,} articles", f"; the best {MAX_RANKED:,} are listed"
    else:
        count, tail = plural(total, "article"), ""
    if any_word:
        return f"No article has every word; {count} have some of them{tail}"
    return f"{count[0].upper()}{count[1:]} match{tail}"


def articles_reply(articles: Sequence[ArticleRow], total: int, wanted: int | None = None, start: int = 0) -> Reply:
    """/articles: the newest articles (numbers start+1… of the `wanted` newest); those that do not fit a section
    are counted, with a button that shows exactly them."""
    wanted = len(articles) + start if wanted is None else wanted
    blocks = [header("Latest articles"), context(f"{plural(total, 'article')} indexed")]
    more = f"/articles {wanted}"
    listing, shown = listed([article_line(a) for a in articles], "", wanted, start, more, "article")
    blocks += listing
    return Reply(text="Latest articles: " + "; ".join(a.headline for a in articles[:shown]), blocks=blocks)


def message_reply(text: str, hint: str = "") -> Reply:
    """A short message from the bot itself (usage errors, empty corpus)."""
    blocks: list[Block] = [section(escape(text))]
    if hint:
        blocks.append(context(escape(hint)))
    return Reply(text=text, blocks=blocks)


# Names an unfurl lists per type; the rest are counted, and a button shows them.
UNFURL_NAMES = 6


def unfurl_blocks(article: ArticleRow, named: Sequence[EntityRow]) -> list[Block]:
    """A link to an indexed article as Slack shows it unfurled: headline, date, source, and the people, places,
    organisations and bases it names."""
    blocks: list[Block] = [section(f"*{clip(article.headline, HEADLINE_CHARS)}*\n{article_day(article)} · "
                                   f"{clip(_short_source(article.source), NAME_CHARS)}")]  # fmt: skip
    lines = []
    buttons: list[tuple[str, list[str]]] = []
    for kind, label in COMPANION_GROUPS:
        group = [name(e) for e in named if e.type is kind]
        if group:
            rest = group[UNFURL_NAMES:]
            lines.append(f"*{label}:* {', '.join(group[:UNFURL_NAMES])}" + (f" and {len(rest)} more" if rest else ""))
            if rest:  # counted above, shown exactly by the button
                buttons.append((f"More {label.lower()}", rest))
    if lines:
        blocks.append(context(*lines))
    if buttons:
        blocks.append(rest_actions(buttons))
    return blocks
