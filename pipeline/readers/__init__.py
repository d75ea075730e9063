"""One reader per input format; each returns a :class:`pipeline.model.RawDocument`."""
