"""Who may do what: viewers read, editors upload, admins roll back.

With an identity provider configured in `.streamlit/secrets.toml` (an `[auth]` section), people sign in
with Streamlit's `st.login` (OIDC) and their e-mail address is looked up in `[roles]`:

    [roles]
    editors = ["m.wanjiru@kwale.go.ke"]
    admins = ["piu.data@devolution.go.ke"]

Without an identity provider the app is read-only for everybody, except in the local editor mode: an
app started with JDP_LOCAL_EDITOR=1 *and* bound to localhost (`--server.address 127.0.0.1`) treats its
one local user as an admin. These functions take plain values so that they can be tested without
Streamlit; `ui.current_role()` feeds them from the running app.
"""

from __future__ import annotations

from collections.abc import Mapping

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1"}
RANK = {VIEWER: 0, EDITOR: 1, ADMIN: 2}


def role_for(email: str | None, roles: Mapping[str, list[str]] | None) -> str:
    """Return the role of a signed-in e-mail address given the [roles] table of secrets.toml."""
    if not email or not roles:
        return VIEWER
    email = email.strip().lower()
    if email in {e.lower() for e in roles.get("admins", [])}:
        return ADMIN
    if email in {e.lower() for e in roles.get("editors", [])}:
        return EDITOR
    return VIEWER


def local_editor_mode(env: Mapping[str, str], server_address: str | None) -> bool:
    """Return True when the app was started in local editor mode and listens on localhost only."""
    return env.get("JDP_LOCAL_EDITOR") == "1" and (server_address or "") in LOCAL_ADDRESSES


def may(role: str, needed: str) -> bool:
    """Return True when a role includes the permissions of `needed`."""
    return RANK[role] >= RANK[needed]
