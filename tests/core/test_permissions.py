"""Admin commands: a workspace's admins and owners by default, ADMIN_USER_IDS when set, never guests or people
from another organisation; every refusal says who may."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core import roles
from bot.core.permissions import refusal
from bot.core.registry import Context, Registry
from bot.core.render.blockkit import plain
from bot.core.store import Store

PEOPLE = {"UADMIN": roles.ADMIN, "UMEMBER": roles.MEMBER, "UGUEST": roles.GUEST, "UOTHER": roles.EXTERNAL,
          "UUNKNOWN": roles.UNKNOWN}  # fmt: skip


def _ctx(store: Store, user: str, admins: frozenset[str] = frozenset()) -> Context:
    return Context(store=store, registry=Registry(), user_id=user, admins=admins, role=PEOPLE.__getitem__)


@pytest.mark.parametrize(
    ("user", "allowed", "said"),
    [
        ("UADMIN", True, ""),
        ("UMEMBER", False, "only this workspace's admins and owners can add feeds"),
        ("UUNKNOWN", False, "only this workspace's admins and owners can add feeds"),
        ("UGUEST", False, "guests cannot add feeds"),
        ("UOTHER", False, "people from another organisation cannot add feeds"),
    ],
)
def test_by_default_only_workspace_admins(store: Store, user: str, allowed: bool, said: str) -> None:
    refused = refusal(_ctx(store, user), "add feeds")
    assert (refused is None) == allowed
    if refused is not None:
        assert said in plain(refused)


def test_admin_user_ids_override_the_workspace_roles_but_never_admit_guests_or_outsiders(store: Store) -> None:
    listed = frozenset({"UMEMBER", "UGUEST", "UOTHER"})
    assert refusal(_ctx(store, "UMEMBER", listed), "add feeds") is None
    refused = refusal(_ctx(store, "UADMIN", listed), "add feeds")
    assert refused is not None and "only the bot's administrators" in plain(refused)
    assert refusal(_ctx(store, "UGUEST", listed), "add feeds") is not None
    assert refusal(_ctx(store, "UOTHER", listed), "add feeds") is not None


def test_the_console_without_slack_may_administer(store: Store) -> None:
    console = replace(_ctx(store, "UMEMBER"), user_id=None, role=None)
    assert refusal(console, "add feeds") is None
