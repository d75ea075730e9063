"""The JSON Schemas every output is validated against (installed as ``vanban.schemas``)."""
