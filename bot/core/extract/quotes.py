"""Direct quotations and who said them.

A quotation belongs to the speaker of the speech verb that governs it, in its own sentence ("…," Putin said /
"…," said Putin / Peskov said Putin valued "…" / according to Lavrov, "…"). Every speech verb outside quotation
marks is read in order, so that "he said" or "she added" resolves to the paragraph's speaker (the subject who
was speaking), not to the name mentioned last; "the ministry said" resolves to the ministry named before it,
"the envoy said" to the person the article calls the envoy, and "a Syrian official said" to nobody. A quotation
with no speech verb of its own continues the previous one, within its paragraph or opening the next one, and a
quotation left open at a paragraph's end runs on into the next, as newspapers print a long quote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.core.extract.mentions import Candidate, Cluster, Doc
from bot.core.extract.quotations import Quoted, find_quotations
from bot.core.extract.speakers import Reader
from bot.core.models import Quote, Role

# The marks that close a quotation: one that ends without them is left open at its paragraph's end.
_CLOSING = frozenset('”»"')


def find_quotes(
    doc: Doc,
    found: list[Candidate],
    is_speaker: Callable[[Cluster], bool],
    roles: Iterable[tuple[Candidate, Role]] = (),
) -> list[tuple[Cluster, Quote]]:
    """Each direct quotation long enough to be a statement, with the person or organisation it is attributed to."""
    quotations = find_quotations(doc.text)
    reader = Reader(doc, found, is_speaker, roles, quotations)
    out: list[tuple[Cluster, Quote]] = []
    previous: tuple[Quoted, Cluster | None] | None = None
    for n, quoted in enumerate(quotations):
        speaker = reader.speaker_of(quoted)
        if quoted.short:
            if len(quoted.text.split()) == 1 and not reader.governs(quoted):
                continue  # one word: a name or a scare quote unless the speech verb's own clause holds it
            if speaker is not None:  # a few words quoted inside a sentence that says who said them
                out.append((speaker, Quote(quoted.text, _sentence(doc, quoted))))
            continue
        if speaker is None and not reader.has_verb(quoted):
            if quoted.opens_paragraph and (echo := reader.echoed_by(quoted.paragraph + 1)) is not None:
                speaker = echo  # '"…"' then 'With those words, Güler ended his speech': he said them
            elif previous is not None and _continues(previous[0], quoted):
                speaker = previous[1]
            elif (named := _named_after(doc, reader, quotations, n)) is not None:
                speaker = named  # a quotation left open, its next paragraph's quotation saying who speaks
            elif quoted.opens_paragraph:  # 'Ushakov said:' closing one paragraph, the quotation filling the next
                speaker = reader.last_speaker(quoted.paragraph - 1) or reader.introducer(quoted.paragraph - 1)
            else:  # 'Garba did not hesitate. "No. …"': the one the paragraph has speaking, or is about
                speaker = reader.heard_from(quoted)
        previous = (quoted, speaker)
        if speaker is not None:
            out.append((speaker, Quote(quoted.text, _sentence(doc, quoted))))
    return out


def _named_after(doc: Doc, reader: Reader, quotations: list[Quoted], n: int) -> Cluster | None:
    """The speaker of the quotation that opens the next paragraph, when quotation `n` is left open at its
    paragraph's end: news prints a long quote over paragraphs and names the speaker in a later one."""
    quoted = quotations[n]
    if n + 1 >= len(quotations) or doc.text[quoted.end - 1] in _CLOSING:
        return None
    after = quotations[n + 1]
    if after.paragraph != quoted.paragraph + 1 or not after.opens_paragraph:
        return None
    return reader.speaker_of(after)


def _sentence(doc: Doc, quoted: Quoted) -> str:
    span = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
    return span.sent.text.strip() if span is not None else quoted.text


def _continues(before: Quoted, after: Quoted) -> bool:
    """A quotation without a verb of its own goes on with the speech before it: in the same paragraph, or as the
    paragraph after it opens."""
    return after.paragraph == before.paragraph or (after.paragraph == before.paragraph + 1 and after.opens_paragraph)
