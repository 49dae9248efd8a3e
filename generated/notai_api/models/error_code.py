from typing import Literal

ErrorCode = Literal["INVALID_API_KEY"]

ERROR_CODE_VALUES: set[ErrorCode] = {
    "INVALID_API_KEY",
}


def check_error_code(value: str) -> ErrorCode:
    if value in ERROR_CODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ERROR_CODE_VALUES!r}")
