"""Error bodies in every shape RunComfy's documentation allows, and the documented error codes."""

from __future__ import annotations

from enum import Enum, IntEnum
from typing import Any


class ErrorCode(IntEnum):
    INVALID_RESOURCE_IDENTIFIER = 400001
    INSUFFICIENT_RESOURCES = 400002
    USER_ACCOUNT_ERROR = 400004
    PERMISSION_DENIED = 403001
    RESOURCE_NOT_FOUND = 404001

    @property
    def message(self) -> str:
        return _MESSAGES[self]

    @property
    def http_status(self) -> int:
        """The status the code's first digits suggest (the service's exact choice is unknown)."""
        return self.value // 1000


_MESSAGES = {
    ErrorCode.INVALID_RESOURCE_IDENTIFIER: "Invalid resource identifier.",
    ErrorCode.INSUFFICIENT_RESOURCES: "Insufficient balance. Please top up your account.",
    ErrorCode.USER_ACCOUNT_ERROR: "Invalid, expired or revoked API token.",
    ErrorCode.PERMISSION_DENIED: "You do not have permission to access this request.",
    ErrorCode.RESOURCE_NOT_FOUND: "Request not found or expired.",
}


class ErrorShape(Enum):
    """The field names of an error body, which the documentation leaves open."""

    ERROR_CODE = "error_code"  # {"error_code": 400002, "error_message": "…"}
    ERROR_CODE_MESSAGE = "error_code_message"  # {"error_code", "message", "detail": [...]}
    CODE = "code"  # {"code": 400002, "error": "…"}


def error_body(
    code: int, message: str, shape: ErrorShape = ErrorShape.ERROR_CODE
) -> dict[str, Any]:
    if shape is ErrorShape.CODE:
        return {"code": code, "error": message}
    if shape is ErrorShape.ERROR_CODE_MESSAGE:
        return {"error_code": code, "message": message, "detail": [{"msg": message}]}
    return {"error_code": code, "error_message": message}
