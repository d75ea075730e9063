"""Errors a single input can cause.  Each carries a one-line, human message.

The batch runner turns any of these into an error record for that file and
goes on with the next one; nothing here is ever allowed to stop a batch.
"""


class VanbanError(Exception):
    """A problem with one input file (message is one line, shown to the user)."""

    code = "error"

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class UnsupportedFormat(VanbanError):
    code = "unsupported_format"


class CorruptFile(VanbanError):
    code = "corrupt_file"


class EncryptedFile(VanbanError):
    code = "encrypted_file"


class EmptyDocument(VanbanError):
    code = "empty_document"


class TooShort(VanbanError):
    """Some text, but far too little for a document (a six-byte note)."""
    code = "too_short"


class TooLarge(VanbanError):
    code = "too_large"


class NotVietnamese(VanbanError):
    code = "not_vietnamese"


class ToolMissing(VanbanError):
    code = "tool_missing"


class OutOfMemory(VanbanError):
    code = "out_of_memory"
