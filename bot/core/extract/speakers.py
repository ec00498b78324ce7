"""Who speaks in an article: its speech verbs read in order, each with the speaker its grammar names, and the
questions attribution asks of them (who governs a quotation, who spoke last in a paragraph, who a paragraph
introduces or looks back at). See `quotes` for the rules as a whole."""

from __future__ import annotations

import bisect
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.core import names
from bot.core.extract.appositives import BODY_NOUNS
from bot.core.extract.clauses import (
    Latest,
    by_word,
    demonstrative,
    main_clause,
    named_apposition,
    paragraph_numbers,
    reported,
    subject_of,
    token_range,
    topic,
)
from bot.core.extract.grouping import GENERIC_BODY_WORDS
from bot.core.extract.mentions import Candidate, Cluster, Doc, Span, Token
from bot.core.extract.quotations import Quoted
from bot.core.lexicon import (
    ADDRESS_INITIALS,
    DEFINITE,
    DEMONYMS,
    ECHO_NOUNS,
    FEMALE_TITLES,
    MALE_TITLES,
    PRONOUNS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    TITLE_HEADS,
)
from bot.core.models import EntityType, Role

# How many words of title may stand between "said" and the speaker's name ("said Russian Foreign Minister …").
MAX_TITLE_TOKENS = 7
# How many capitalised words of rank may stand between a comma and a name set off by commas ("Lieutenant Colonel").
MAX_RANK_WORDS = 3
# How many sentences back, within a paragraph and the one before, "he" looks for its subject.
SUBJECT_SENTENCES = 2
_NEUTERS = frozenset({"it"})
_FEMININE = frozenset({"she", "her"})
# Which of "he" and "she" each pronoun of a person is.
_SEX_OF_PRONOUN = {"she": "she", "her": "she", "he": "he", "him": "he", "his": "he"}
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# The nouns of a body's press staff ("the press service", "the press office"), which speak for the body.
_PRESS_NOUNS = frozenset({"service", "office", "department", "centre", "center"})
# Title words that all say one leads a body: "the head of X" is who "the X commander" or "the X chief" is.
_LEADING = frozenset({"head", "chief", "commander", "leader", "director", "chairman", "chair"})


def _in_apposition(word: Token, subject: Token) -> bool:
    """Whether `word` is in an apposition to the subject: the name itself ("…, Adm. Brad Cooper,") or a name inside
    the apposed phrase ("A spokesperson for X, Lieutenant Colonel Dana Ruiz, said": the rank heads it)."""
    node = word
    while node.i != subject.i and node.head.i != node.i:
        if node.dep_ == "appos":
            return True
        node = node.head
    return False


def _in_title_run(tok: Token) -> bool:
    """A word of a title-case title and the name after it: capitalised, or its "of", "for", "the"."""
    return (tok.text[:1].isupper() and not tok.is_punct) or tok.lower_ in {"of", "for", "the"} or tok.text == "-"


@dataclass(frozen=True)
class _Said:
    """A speech verb outside quotation marks and who it says spoke."""

    verb: int
    paragraph: int
    speaker: Cluster | None


class Reader:
    """Reads the speech verbs of one article in order, remembering who spoke in each paragraph."""

    def __init__(
        self,
        doc: Doc,
        found: list[Candidate],
        is_speaker: Callable[[Cluster], bool],
        roles: Iterable[tuple[Candidate, Role]],
        quotations: list[Quoted],
    ) -> None:
        self.doc = doc
        # The clusters' types are settled before quotes are read: each is decided once, not once per question.
        self.types: dict[int, EntityType] = {}
        speaks: dict[int, bool] = {}
        for c in found:
            if c.cluster is not None and id(c.cluster) not in speaks:
                speaks[id(c.cluster)] = is_speaker(c.cluster)
        speaking = [c for c in found if c.cluster is not None and speaks[id(c.cluster)]]
        self.named = {i: c for c in speaking for i in range(c.start, c.end)}
        self.mentions = sorted(speaking, key=lambda c: c.start)
        self.titles = [(set(names.fold(role.title).split()), c) for c, role in roles if c.cluster is not None]
        # The one person a title marks as a woman ("Spokeswoman Maria Zakharova") is who "she" is.
        women = {id(c.cluster): c.cluster for words, c in self.titles if words & FEMALE_TITLES and c.cluster}
        self.only_woman = next(iter(women.values())) if len(women) == 1 else None
        self.quoted = {i for q in quotations for i in token_range(doc, q)}
        self.paragraph = paragraph_numbers(doc)
        self._index()
        self.sexes = self._sexes_by_address()
        self.said: dict[int, _Said] = {}
        self.verbs: list[int] = []  # the keys of `said`, in token order
        for tok in doc:
            if (tok.lower_ in SPEECH_VERBS or tok.lower_ == "according") and self._is_speech(tok):  # cheap test first
                self.said[tok.i] = _Said(tok.i, self.paragraph[tok.i], self._speaker_of_verb(tok))
                self.verbs.append(tok.i)
                self._note_pronoun(tok, self.said[tok.i].speaker)
        self.last_in_paragraph = {s.paragraph: s for s in self.said.values() if s.speaker is not None}

    def _index(self) -> None:
        """What the questions below look up, arranged once so each answer is a lookup, not a pass over the
        article: the mentions of people and of others by where they end, and the titles and names that contain
        each word."""
        self.earlier = {
            person: Latest((c.end, c) for c in self.mentions if self._is_person(c.cluster) == person)
            for person in (True, False)
        }
        self.first_named: dict[int, int] = {}
        for c in self.mentions:
            self.first_named.setdefault(id(c.cluster), c.start)
        self.titled = by_word((word, c.start, c) for words, c in self.titles for word in words)
        self.titles_of: dict[int, set[str]] = {}
        for words, c in self.titles:
            self.titles_of.setdefault(id(c.cluster), set()).update(words)
        self.bodies = by_word(
            (word, c.end, c) for c in self.mentions for word in dict.fromkeys(names.fold(c.surface).split())
        )
        # "The Syrian Observatory for Human Rights, a Britain-based war monitor, said …": what a name is described
        # as in apposition ("monitor") is what "the monitor said" refers back to.
        self.described_as = by_word(
            (names.fold(t.text), t.i, self.named[t.head.i]) for t in self.doc
            if t.dep_ == "appos" and t.head.i in self.named and t.pos_ == "NOUN" and t.i not in self.quoted
        )  # fmt: skip

    def _is_person(self, cluster: Cluster | None) -> bool:
        return self._type(cluster) is EntityType.PERSON

    def _sexes_by_address(self) -> dict[int, str]:
        """Whom the article marks as a woman or a man ("she" or "he"), by a title ("Spokeswoman X", "chairman") or
        a form of address before the name ("Ms. X", "Mr X"); one marked as both is left unknown."""
        marks: dict[int, set[str]] = {}
        for words, c in self.titles:
            marks.setdefault(id(c.cluster), set()).update(_sex_of_words(words))
        for c in self.mentions:
            address = {self.doc[c.start - 1].lower_} if c.start else set()
            first = names.fold(c.surface).split()[:1]
            marks.setdefault(id(c.cluster), set()).update(_sex_of_words(address | set(first)))
        return {key: next(iter(sexes)) for key, sexes in marks.items() if len(sexes) == 1}

    def _note_pronoun(self, verb: Token, speaker: Cluster | None) -> None:
        """' "…," she said': the one a pronoun was read as is, for the pronouns after it, of the pronoun's sex."""
        subject = subject_of(verb)
        if speaker is not None and subject is not None and subject.lower_ in PRONOUNS:
            self.sexes.setdefault(id(speaker), _SEX_OF_PRONOUN[subject.lower_])

    def _fits(self, cluster: Cluster | None, pronoun: str) -> bool:
        """Whether "he" or "she" may stand for the cluster: not when the article marks it as of the other sex (any
        other word fits anyone)."""
        said = _SEX_OF_PRONOUN.get(pronoun)
        known = self.sexes.get(id(cluster))
        return said is None or known is None or known == said

    def _type(self, cluster: Cluster | None) -> EntityType:
        """The cluster's type, decided once."""
        assert cluster is not None
        if id(cluster) not in self.types:
            self.types[id(cluster)] = cluster.type()
        return self.types[id(cluster)]

    def speaker_of(self, quoted: Quoted) -> Cluster | None:
        """The speaker of the speech verb governing the quotation, if its sentence has one; else the name a
        transcript's colon puts before it ("Karaca: '…'")."""
        verb = self._governing_verb(quoted)
        return self.said[verb].speaker if verb is not None else self._labelled(quoted)

    def _labelled(self, quoted: Quoted) -> Cluster | None:
        """ "Karaca: '…'": a name before a colon, with at most a title or a rank before it in its sentence ("Its
        chief of staff, Commodore Ingrid Solvang: '…'"), says who speaks."""
        inside = token_range(self.doc, quoted)
        colon = inside[0] - 1 if inside else -1
        if colon < 1 or self.doc[colon].text != ":" or colon - 1 not in self.named:
            return None
        mention = self.named[colon - 1]
        return mention.cluster if _only_a_label_before(self.doc, mention.start, mention.end) else None

    def last_speaker(self, paragraph: int) -> Cluster | None:
        """Who spoke last in a paragraph, if anyone did."""
        said = self.last_in_paragraph.get(paragraph)
        return said.speaker if said is not None else None

    def introducer(self, paragraph: int) -> Cluster | None:
        """Who a paragraph ending in a colon introduces ("In an interview, he sounded upbeat:"): its last
        sentence's subject."""
        i = bisect.bisect_right(self.paragraph, paragraph) - 1  # paragraph numbers rise with the tokens
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 0 or self.paragraph[i] != paragraph or self.doc[i].text != ":":
            return None
        subject = subject_of(self.doc[i].sent.root)
        return self._resolve(subject) if subject is not None else None

    def echoed_by(self, paragraph: int) -> Cluster | None:
        """Who a paragraph opening with a look back at the words before it ("With those words, Güler ended his
        speech", "These remarks by Lavrov …") says spoke them: its first sentence's subject, or the name after
        "by"."""
        i = bisect.bisect_left(self.paragraph, paragraph)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        if i >= len(self.doc) or self.paragraph[i] != paragraph:
            return None
        sent = self.doc[i].sent
        echo = next((t for t in sent if t.lower_ in ECHO_NOUNS and demonstrative(t)), None)
        if echo is None:
            return None
        agent = next((c for c in echo.children if c.lower_ == "by"), None)
        named = [t.i for t in agent.subtree if t.i in self.named] if agent is not None else []
        if named:
            return self.named[named[0]].cluster
        subject = subject_of(sent.root)
        return self._resolve(subject) if subject is not None and subject.i != echo.i else None

    def heard_from(self, quoted: Quoted) -> Cluster | None:
        """Who a quotation with no speech verb, opening a sentence after others in its paragraph, is heard from: the
        person the sentence before it is about, when that sentence comes after the paragraph's last speech verb
        ("X said the truce held. Y disagreed. '…'", "X did not hesitate. '…'"), and nobody when that is someone
        described and never named ("A resident, who declined to be named, was less sure. '…'"); else the speaker of
        that verb ("X said he would … . '…'", "X said … . The figures surprised analysts. '…'")."""
        inside = token_range(self.doc, quoted)
        if not inside or inside[0] == 0:
            return None
        first = inside[0]
        if self.doc[first].sent.start < first or self.paragraph[first - 1] != self.paragraph[first]:
            return None  # words quoted inside a sentence, or a quotation opening its paragraph
        before = self.doc[first - 1].sent
        last = self._last_said_in_paragraph(first)
        about = self._person_about(before)
        after_last = last is None or last.verb < before.start
        if after_last and (about is not None or self._unnamed_subject_before(first)):
            return about  # "A resident, who declined to be named, was less sure. '…'": nobody named
        return last.speaker if last is not None else about

    def _last_said_in_paragraph(self, i: int) -> _Said | None:
        """The last speech verb before token `i`, in its paragraph, that names who spoke."""
        for n in range(bisect_left(self.verbs, i) - 1, -1, -1):
            said = self.said[self.verbs[n]]
            if said.paragraph != self.paragraph[i]:
                return None
            if said.speaker is not None:
                return said
        return None

    def _person_about(self, sentence: Span) -> Cluster | None:
        """The person a sentence's main clause has as its subject, if any ("Y disagreed.", "He was careful.")."""
        subject = subject_of(sentence.root)
        if subject is None or subject.i in self.quoted:
            return None
        found = self._resolve(subject)
        return found if found is not None and self._is_person(found) else None

    def governs(self, quoted: Quoted) -> bool:
        """Whether a speech verb of the quotation's sentence holds it in its own clause ('said the drill was
        "routine"'), not merely stands beside it."""
        inside = token_range(self.doc, quoted)
        if not inside:
            return False
        sentence = self.doc[inside[0]].sent
        return any(
            self.doc[i].is_ancestor(self.doc[j]) for i in range(sentence.start, sentence.end) if i in self.said
            for j in inside
        )  # fmt: skip

    def has_verb(self, quoted: Quoted) -> bool:
        """Whether the quotation's sentence attributes it with a speech verb of its own."""
        return self._governing_verb(quoted) is not None

    def _is_speech(self, tok: Token) -> bool:
        if tok.i in self.quoted:
            return False
        if tok.lower_ == "according":
            return bool(tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to")
        return bool(tok.lower_ in SPEECH_VERBS and tok.pos_ in {"VERB", "AUX"})

    def _governing_verb(self, quoted: Quoted) -> int | None:
        """The speech verb of the quotation's sentence: the one whose clause holds it, else the nearest."""
        inside = token_range(self.doc, quoted)
        if not inside:
            return None
        first, last = self.doc[inside[0]].sent, self.doc[inside[-1]].sent
        verbs = [i for i in range(first.start, last.end) if i in self.said]
        if not verbs:
            return self._said_after_question(quoted, inside)
        governing = [i for i in verbs if any(self.doc[i].is_ancestor(self.doc[j]) for j in inside)]
        # "Fidan said the operation would continue '…'": a verb with a speaker outranks a nearer one without.
        spoken = [i for i in governing if self.said[i].speaker is not None]
        # "The diplomat reaffirmed Moscow's support for '…', the ministry said": the words are the reaffirming
        # speaker's, whose clause holds them inside the one reporting it.
        # But "The spokesman, X, said Erbil condemned '…'": a body's or a place's words that a person voices are the
        # person's, as a reader hears them.
        people = [i for i in spoken if self._is_person(self.said[i].speaker)]
        if people and len(people) < len(spoken):
            spoken = people
        innermost = [i for i in spoken if not any(self.doc[i].is_ancestor(self.doc[j]) for j in spoken)]
        return min(innermost or governing or verbs, key=lambda i: min(abs(i - inside[0]), abs(i - inside[-1])))

    def _said_after_question(self, quoted: Quoted, inside: list[int]) -> int | None:
        """'"How long must we wait?" Kestrel told reporters': a question or an exclamation ends its sentence for the
        parser, so the attribution after its closing mark stands in a sentence of its own; that sentence, opening
        right after the mark in the same paragraph, says who spoke when its main verb is a speech verb."""
        if quoted.text[-1:] not in "?!":
            return None
        end = self.doc[inside[-1]].sent.end
        if end >= len(self.doc) or end - 1 > inside[-1] or self.paragraph[end] != self.paragraph[inside[-1]]:
            return None
        root = self.doc[end].sent.root.i
        return root if root in self.said and self.said[root].speaker is not None else None

    def _speaker_of_verb(self, verb: Token) -> Cluster | None:
        if verb.lower_ == "according":
            objects = [c for c in self.doc[verb.i + 1].children if c.dep_ == "pobj"]
            return self._resolve(objects[0]) if objects else self._named_after(verb.i + 2)
        if any(c.dep_ == "auxpass" for c in verb.children):  # "X was called '…' by his rivals": the rivals speak
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return self._resolve(agents[0]) if agents else None
        if (quoted_one := _quoted_as_saying(verb)) is not None:
            return self._resolve(quoted_one)
        root = verb.sent.root
        if verb.tag_ == "VBG" and verb.i >= 2 and self.doc[verb.i - 1].text == "," and verb.i - 2 in self.said:
            return self.said[verb.i - 2].speaker  # "…, X said, adding that …": who said it adds it
        if (before := self._name_before(verb)) is not None:
            return before  # "…, coalition spokesman X said": a name right before a verb with no subject
        participle = verb.tag_ == "VBG" and root.i < verb.i  # "X dismissed the rumours, insisting, “…”": X insists
        subject = (subject_of(root) if participle else None) or subject_of(verb)
        if subject is not None and subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
            subject = verb.head  # "… Emomali Sobirzoda, who said the base remained '…'": the one "who" is
        if subject is None or (subject.i > verb.i and subject.i in self.quoted):
            return self._named_after(verb.i + 1)
        # A misparse may give the verb two subjects ("the planes … are Russian,' said Touré", "the news agency
        # SANA reported"): the first outside quotation marks that names someone speaks.
        subjects = [subject, *(c for c in subject.head.children if c.dep_ in SUBJECTS and c.i != subject.i)]
        for tok in subjects:
            if tok.i not in self.quoted and (speaker := self._resolve(tok)) is not None:
                return speaker
        return None

    def _name_before(self, verb: Token) -> Cluster | None:
        """The person or body named right before a speech verb the parser gave no subject of its own (it hung the
        name elsewhere: a conjunct of the place before it, an apposition of the agency before it), if one is."""
        before = self.named.get(verb.i - 1)
        if before is None or any(c.dep_ in SUBJECTS for c in verb.children):
            return None
        return None if self._type(before.cluster) is EntityType.PLACE else before.cluster

    def _resolve(self, tok: Token) -> Cluster | None:
        """Who a subject stands for: a name, a pronoun's speaker, or the title or body named earlier."""
        if tok.i in self.named:
            return self.named[tok.i].cluster
        inner = [t.i for t in tok.subtree if t.i in self.named and t.i not in self.quoted and not topic(t, tok)]
        # "The head of U.S. Central Command, Adm. Brad Cooper, told …": the person set in apposition speaks
        apposed = [
            i
            for i in inner
            if (_in_apposition(self.doc[i], tok) or self._set_off(i)) and self._is_person(self.named[i].cluster)
        ]
        if apposed:
            return self.named[apposed[0]].cluster
        if _unnamed_one(tok):
            # "A PKK-affiliated outlet, Firat News Agency, said": the body set off by commas is the one described
            set_off = [i for i in inner if self.named[i].start > tok.i and self._set_off(i)]
            if set_off:
                return self.named[set_off[0]].cluster
            # "a resident of Olbek": nobody named; "a spokesman for X": X, never a place
            inner = [i for i in inner if self._type(self.named[i].cluster) is not EntityType.PLACE]
            inner = (
                [i for i in inner if i > tok.i] if tok.lower_ in TITLE_HEADS else []
            )  # "a Syrian army officer": none
        people = [i for i in inner if self._is_person(self.named[i].cluster)]
        if people and tok.lower_ in TITLE_HEADS and tok.text[:1].isupper() and not _unnamed_one(tok):
            return self.named[people[0]].cluster  # "Chief of Staff of the Armed Forces … Mousavi told": the person
        if inner and not people and tok.lower_ in TITLE_HEADS and tok.left_edge.lower_ in DEFINITE:
            # "the spokesman for the Kremlin said": not the body but the person the article titled so for that body
            # ("Kremlin spokesman Dmitry Peskov"); a spokesman for another body is not him
            titled = self._titled_for(tok, self.named[inner[0]].cluster)
            if titled is not None:
                return titled
        if inner:
            return self.named[inner[0]].cluster
        if tok.lower_ in PRONOUNS or tok.lower_ in _NEUTERS or tok.lower_ in ADDRESS_INITIALS:
            return self._paragraph_speaker(tok.i, person=tok.lower_ not in _NEUTERS)
        if names.fold(tok.text) in STATEMENT_NOUNS:  # "a statement from the ministry said": the ministry
            issuer = [g for c in tok.children if c.lower_ in {"from", "by"} for g in c.children if g.dep_ == "pobj"]
            if issuer and (found := self._resolve(issuer[0])) is not None:
                return found
        if tok.pos_ in {"NOUN", "PROPN"}:
            return self._described(tok)
        return None

    def _titled_for(self, tok: Token, body: Cluster | None) -> Cluster | None:
        """The person last given, before `tok`, a title with `tok`'s word and a word that is the body's own (not one
        every country's bodies have: a Syrian army spokesman is no spokesman for the Israeli army)."""
        if body is None:
            return None
        word = names.fold(tok.text)
        body_words = set(names.fold(body.best().surface).split()) - GENERIC_BODY_WORDS - {"the", "of"}
        same = _LEADING if word in _LEADING else {word}  # "the CENTCOM commander" is who the article made its head
        holders = [c for words, c in self.titles if words & same and words & body_words and c.start < tok.i]
        last = max(holders, key=lambda c: c.start, default=None)
        return last.cluster if last is not None else None

    def _set_off(self, i: int) -> bool:
        """Whether the name at token `i` stands between commas, after at most a rank ("A spokesperson for X,
        Lieutenant Colonel Dana Ruiz, said"), however the parser hung it: an apposition in the words."""
        named = self.named[i]
        j = named.start - 1
        while j >= 0 and named.start - j <= MAX_RANK_WORDS and self.doc[j].text[:1].isupper() and self.doc[j].is_alpha:
            j -= 1
        after = self.doc[named.end] if named.end < len(self.doc) else None
        return j >= 0 and self.doc[j].text == "," and after is not None and after.text == ","

    def _named_after(self, i: int) -> Cluster | None:
        """ "…," said Putin / "…," said Russian Foreign Minister Sergey Lavrov."""
        for j in range(i, min(len(self.doc), i + MAX_TITLE_TOKENS)):
            if self.doc[j].is_punct and self.doc[j].text != ".":
                return None
            if j in self.named:
                return self._titled_person_after(j) or self.named[j].cluster
        return None

    def _titled_person_after(self, j: int) -> Cluster | None:
        """ "said Chief of the General Staff of the Kuwaiti Army Lieutenant General Bandar Al-Mezain": a body named
        inside a long title is not who speaks; the person the title runs on to is."""
        if self._is_person(self.named[j].cluster):
            return None
        k = j
        while k < min(len(self.doc), j + MAX_TITLE_TOKENS * 2) and _in_title_run(self.doc[k]):
            if k in self.named and self._is_person(self.named[k].cluster):
                return self.named[k].cluster
            k += 1
        return None

    def _paragraph_speaker(self, i: int, person: bool) -> Cluster | None:
        """Who "he" or "she" (or "it") at token `i` is: the subject of its sentence's or the sentence before's
        main clause ("Pedersen was cautious. '…,' he said"), else the last speaker of this paragraph or the one
        before, else the last of the right kind named before."""
        pronoun = self.doc[i].lower_
        woman = self.only_woman
        if person and pronoun in _FEMININE and woman is not None and self.first_named.get(id(woman), i) < i:
            return woman  # the one woman the article titles so, once it has named her
        subject = self._recent_subject(i, person)
        if subject is not None:
            return subject
        if person and self._unnamed_subject_before(i):
            return None  # "A Gulf official, who declined to be named, said … '…,' he said": nobody named
        speaker = self._last_speaker_before(i, person, pronoun)
        if speaker is not None:
            return speaker
        return self._last_named_before(i, person, pronoun)

    def _last_named_before(self, i: int, person: bool, pronoun: str) -> Cluster | None:
        """The last person (or not) named at or before token `i` whom the pronoun may stand for."""
        earlier = self.earlier[person].before(i + 1)  # the last such mention ending at or before `i`
        if earlier is None or self._fits(earlier.cluster, pronoun):
            return earlier.cluster if earlier is not None else None
        for c in reversed(self.mentions[: bisect_left([m.start for m in self.mentions], i)]):
            if c.end <= i and self._is_person(c.cluster) == person and self._fits(c.cluster, pronoun):
                return c.cluster
        return None

    def _unnamed_subject_before(self, i: int) -> bool:
        """Whether the main clause of the sentence before the pronoun's, in its paragraph, has someone described and
        never named as its subject ("A Gulf official … said"), whom "he" then is."""
        sentence = self.doc[i].sent
        if sentence.start == 0 or self.paragraph[sentence.start - 1] != self.paragraph[i]:
            return False
        before = self.doc[sentence.start - 1].sent
        subjects = [t for t in before if t.dep_ == "nsubj" and t.head == before.root and t.i not in self.quoted]
        return any(_unnamed_one(t) and self._resolve(t) is None for t in subjects)

    def _last_speaker_before(self, i: int, person: bool | None = None, pronoun: str = "") -> Cluster | None:
        """Who the last speech verb before token `i`, in its paragraph or the one before, says spoke (a person or
        not, when asked; one "he" or "she" may stand for, when given). Paragraph numbers only grow along the text:
        nothing earlier can qualify."""
        for n in range(bisect_left(self.verbs, i) - 1, -1, -1):
            said = self.said[self.verbs[n]]
            if said.paragraph < self.paragraph[i] - 1:
                return None
            if said.speaker is None or not self._fits(said.speaker, pronoun):
                continue
            if person is None or self._is_person(said.speaker) == person:
                return said.speaker
        return None

    def _recent_subject(self, i: int, person: bool) -> Cluster | None:
        sentence = self.doc[i].sent
        budget = SUBJECT_SENTENCES
        while budget > 0:
            # a sentence all in quotation marks is the speaker's words, not the story's: it costs no look-back
            budget -= 0 if sentence.start != self.doc[i].sent.start and self._all_quoted(sentence) else 1
            subjects = [
                t for t in sentence
                if t.i < i and t.dep_ in {"nsubj", "nsubjpass"} and t.i not in self.quoted and not reported(t)
            ]  # fmt: skip
            subjects.sort(key=lambda t: (not main_clause(t.head), -t.i))  # the nearest main clause's first
            for tok in subjects:
                if _owned_by_pronoun(tok, self.doc[i].lower_):
                    # "Her deputy, Tomas Reyk, had left. '…,' she said": she is not her deputy, but whom "her" names,
                    # spoken of before: that sentence costs no look-back
                    budget += 1
                    continue
                found = (
                    self.named.get(tok.i)
                    or named_apposition(tok, self.named)
                    or self._set_off_within(tok)
                    or self._named_after_copula(tok)
                )
                cluster = found.cluster if found is not None else self._only_titled(tok)
                if (
                    cluster is not None
                    and self._is_person(cluster) == person
                    and self._fits(cluster, self.doc[i].lower_)
                ):
                    return cluster
            if sentence.start == 0 or self.paragraph[sentence.start - 1] < self.paragraph[i] - 1:
                return None
            sentence = self.doc[sentence.start - 1].sent
        return None

    def _set_off_within(self, subject: Token) -> Candidate | None:
        """The person named between commas inside the subject's phrase, however the parser hung the name ("The
        representative of Ghana, Kwame Asante, spoke …": on the country before it): who the subject is."""
        named = [t.i for t in subject.subtree if t.i in self.named and t.i not in self.quoted]
        people = [i for i in named if self._set_off(i) and self._is_person(self.named[i].cluster)]
        return self.named[people[0]] if people else None

    def _named_after_copula(self, subject: Token) -> Candidate | None:
        """ "Also briefing was Dario Venn": the one named after the verb "to be" of a sentence put the other way
        round, whose subject says what he was doing, is whom the sentence is about."""
        verb = subject.head
        if verb.lemma_ != "be" or subject.pos_ not in {"NOUN", "VERB"}:
            return None
        return next((self.named[c.i] for c in verb.children if c.dep_ == "attr" and c.i in self.named), None)

    def _all_quoted(self, sentence: Span) -> bool:
        return all(t.i in self.quoted or t.is_punct for t in sentence)

    def _only_titled(self, tok: Token) -> Cluster | None:
        """ "The Special Envoy for Syria warned …, he said": the one person the article gives the subject's title,
        wherever it names him."""
        if tok.lower_ not in TITLE_HEADS or _unnamed_one(tok):
            return None  # "An Iraqi official … said": someone not named, not the one the article titles so
        word = names.fold(tok.text)
        # "For his part, the Iraqi minister …": of the ministers, the one the article titled with that nationality
        nationality = {f for c in tok.children if c.dep_ == "amod" and (f := names.fold(c.text)) in DEMONYMS}
        holders = {
            id(c.cluster): c.cluster
            for words, c in self.titles
            if word in words and nationality <= words and c.cluster is not None
        }
        if self.earlier[True].before(tok.i) is not None:
            # "Mousavi said … the top commander said …; he was accompanied by X, the commander of the navy": once
            # someone is named, a description points back, not at a person the article first names after it
            holders = {k: c for k, c in holders.items() if self.first_named.get(k, 0) < tok.i}
        return next(iter(holders.values())) if len(holders) == 1 else None

    def _described(self, tok: Token) -> Cluster | None:
        """ "The envoy said": the person the article gives that title; "the ministry said": the body so named; a
        speaker described only ("a Syrian official") is nobody the article names."""
        if any(child.lower_ in {"a", "an"} for child in tok.children):
            return None
        word = names.fold(tok.text)
        if word in STATEMENT_NOUNS and tok.left_edge.lower_ in DEFINITE:
            return self._last_speaker_before(tok.i)  # "X said in a statement … '…,' the statement said"
        if word in _PRESS_NOUNS and any(c.lower_ == "press" for c in tok.children) and tok.left_edge.lower_ in DEFINITE:
            # "the press service of the District told TASS … '…,' the press service said": the body it speaks for;
            # "the fleet's press service": the body owning it
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            spoken_for = self._resolve(owner) if owner is not None else None
            return spoken_for or self._last_speaker_before(tok.i, person=False)
        # "Guler said …. '…,' the minister said": the minister spoken of just before, of the article's ministers
        recent = self._recent_subject(tok.i, person=True) if word in self.titled else None
        if recent is not None and word in self.titles_of.get(id(recent), set()):
            return recent
        titled = self.titled[word].before(tok.i) if word in self.titled else None
        if titled is not None and titled.cluster is not None:
            return titled.cluster
        body = self.bodies[word].before(tok.i + 1) if word in self.bodies else None
        if body is None and word in self.described_as:
            body = self.described_as[word].before(tok.i)
        if body is not None:
            return body.cluster
        # "Deputy Foreign Minister Sergey Vershinin held talks … The Russian diplomat reaffirmed …": a person
        # described by what he is, with no title of that word in the article, is the subject spoken of just before.
        if word in TITLE_HEADS and tok.left_edge.lower_ in DEFINITE:  # "the …", "the Secretary-General's …"
            return self._only_titled(tok) or self._recent_subject(tok.i, person=True)
        if word in BODY_NOUNS and tok.left_edge.lower_ in DEFINITE:
            # "Hezbollah claims the attack. In a statement, the group said …": the body just spoken of
            body_spoken_of = self._recent_subject(tok.i, person=False)
            if body_spoken_of is not None and self._type(body_spoken_of) is EntityType.ORGANISATION:
                return body_spoken_of
        return None


def _only_a_label_before(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at tokens `start`-`end` opens its sentence, after at most a rank leaning on it or a title it
    is set in apposition to ("Its chief of staff, Commodore X:"): a label, not the end of a clause ("The sign read,
    in the words of X:")."""
    sent_start = doc[start].sent.start
    last = doc[end - 1]
    if last.dep_ == "appos" and last.head.left_edge.i == sent_start:
        return True
    return all(t.dep_ == "compound" and start <= t.head.i < end for t in doc[sent_start:start])


def _sex_of_words(words: set[str]) -> set[str]:
    """Which of "she" and "he" a title's or an address's words mark ("spokeswoman", "Mr."), if any."""
    return ({"she"} if words & FEMALE_TITLES else set()) | ({"he"} if words & MALE_TITLES else set())


def _unnamed_one(tok: Token) -> bool:
    """ "a resident of Olbek", "a spokesman for U.S. Africa Command": someone described, not named; only a title
    ("spokesman") makes the body named inside the phrase speak through them."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children)


# The possessive each speaking pronoun has: "her deputy" is someone other than "she", "his aide" than "he".
_POSSESSIVES = {"she": "her", "he": "his"}


def _owned_by_pronoun(subject: Token, pronoun: str) -> bool:
    """Whether the subject, or the noun its name is set in apposition to, is owned by the pronoun's own possessive
    ("Her deputy, X, …" before "she said"): whoever the possessive points at is someone else than the one owned."""
    own = _POSSESSIVES.get(pronoun)
    if own is None:
        return False
    heads = [subject, *(c for c in subject.children if c.dep_ == "appos")]
    if subject.dep_ == "appos":
        heads.append(subject.head)
    return any(c.dep_ == "poss" and c.lower_ == own for h in heads for c in h.children)


# Verbs that report someone's words as theirs: "the ministry quoted Karaca as saying …".
_QUOTING = frozenset({"quoted", "quotes", "quoting", "cited", "cites", "citing"})


def _quoted_as_saying(verb: Token) -> Token | None:
    """The one "quoted … as saying" makes speak: the object of the verb of quoting ("The ministry quoted Karaca as
    saying …"); None for any other speech verb."""
    head = verb.head
    if verb.lower_ != "saying" or head.lower_ != "as":
        return None
    quoting = head.head
    if quoting.lower_ not in _QUOTING:
        return None
    return next((c for c in quoting.children if c.dep_ == "dobj"), None)
