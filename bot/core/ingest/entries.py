"""A page whose story is a run of entries (a live blog's timed posts) read as one story, not as its first entry."""

from __future__ import annotations

from typing import Any

from trafilatura.utils import load_html
from trafilatura.xpaths import BODY_XPATH


def as_one_story(page: str | bytes) -> Any:
    """The page as trafilatura reads it (a parsed tree), with every run of alike entries unwrapped where its story
    selectors would pick one of them: a live blog prints its story as repeated `<section class="entry">` or
    `<article>` posts, and trafilatura takes the first post for the whole story and adds stray paragraphs of the page
    after it (a masthead's line in the middle of the story), so that the later posts' headings are lost. Unwrapped,
    the posts' headings and paragraphs stand in the story's frame in the page's order. The page itself is returned
    when it cannot be parsed (trafilatura then says there is no text)."""
    tree = load_html(page)
    if tree is None:
        return page
    # Each pass unwraps at least two elements, so the loop ends.
    while (unwrapped := _entries(_first_pick(tree))) is not None:
        _unwrap(unwrapped)
    return tree


def _unwrap(elements: list[Any]) -> None:
    """Put each element's text and children in its place, as lxml's drop_tag does, but each parent's children
    rebuilt once: drop_tag looks its element up among its siblings, and a page of 25,000 entries took 15 s.
    Parents are rebuilt in the order their first element comes, so entries go before what wraps them."""
    by_parent: dict[Any, set[Any]] = {}
    for element in elements:
        by_parent.setdefault(element.getparent(), set()).add(element)
    for parent, dropped in by_parent.items():
        kept: list[Any] = []
        for child in list(parent):
            if child not in dropped:
                kept.append(child)
                continue
            _append_text(parent, kept, child.text)
            kept.extend(child)
            _append_text(parent, kept, child.tail)
        parent[:] = kept


def _append_text(parent: Any, kept: list[Any], text: str | None) -> None:
    """Text after the last of `kept` (its tail), or the parent's own text when nothing is kept yet."""
    if not text:
        return
    if kept:
        kept[-1].tail = (kept[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _first_pick(tree: Any) -> Any:
    """The element trafilatura's story selectors pick first (its main text is read from there), or None."""
    for selector in BODY_XPATH:
        picked = next((found for found in selector(tree) if found is not None), None)
        if picked is not None:
            return picked
    return None


def _entries(picked: Any) -> list[Any] | None:
    """The run of entries `picked` is one of, with what wraps them one by one, to unwrap: elements of its kind (its
    tag, a class in common) under its parent, or under its parent's siblings of the parent's tag, which are then
    unwrapped too with the list holding them (posts each in a list item: a list of posts is no bulleted list). None
    when it stands alone, or when one of them holds a headline (`<h1>`): they are then stories of their own (the
    next story of an endless page)."""
    if picked is None or (parent := picked.getparent()) is None:
        return None
    frame = parent.getparent()
    holders = [parent] if frame is None else [sibling for sibling in frame if sibling.tag == parent.tag]
    classes = set(str(picked.get("class") or "").split())
    entries = [
        found
        for holder in holders
        for found in holder
        if found.tag == picked.tag and _alike(classes, set(str(found.get("class") or "").split()))
    ]
    if len(entries) < 2 or any(entry.find(".//h1") is not None for entry in entries):
        return None
    if len(holders) == 1:
        return entries
    wrappers = list(dict.fromkeys(entry.getparent() for entry in entries))
    return entries + wrappers + ([frame] if frame.tag in _LISTS and frame.getparent() is not None else [])


_LISTS = frozenset({"ol", "ul"})


def _alike(classes: set[str], others: set[str]) -> bool:
    """Entries of one run share a class ("entry", "entry pinned"), or have none."""
    return bool(classes & others) if classes else not others
