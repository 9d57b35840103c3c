"""Checking a token without spending money.

A status request for an id that cannot exist costs nothing: "not found" proves the server
accepted the token, "token rejected" proves it did not.
"""

from __future__ import annotations

from dataclasses import dataclass

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.errors import ApiError, NotFoundError, TokenRejectedError
from seedream_desktop.core.jobs.failures import Failure, failure_of

#: Matches the request-id pattern, so the server looks it up instead of refusing the path.
PROBE_REQUEST_ID = "seedream-desktop-token-check"


@dataclass(frozen=True, slots=True)
class TokenCheck:
    valid: bool | None  # None: the check itself failed (network), so nothing is known
    message: str  # in English, for the log and the command line
    failure: Failure | None = None  # why the check failed, for the window to say in its words


async def check_token(client: RunComfyClient) -> TokenCheck:
    """Verify the token ``client`` sends; never raises for an expected failure."""
    try:
        await client.status(PROBE_REQUEST_ID)
    except NotFoundError:
        return TokenCheck(True, "Token accepted by RunComfy.")
    except TokenRejectedError:
        return TokenCheck(False, "RunComfy rejected this token. Copy it again from your profile.")
    except ApiError as exc:
        return TokenCheck(None, f"Could not check the token: {exc.user_message}", failure_of(exc))
    # An answer for an id nobody created still means the token was accepted.
    return TokenCheck(True, "Token accepted by RunComfy.")
