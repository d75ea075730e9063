"""The review page: what was extracted, drawn where it came from.

``geometry`` turns character offsets into boxes on page pictures, ``marks``
lists the extracted items as offset spans, ``page`` puts both into one
self-contained HTML file (``vanban review``), also served by ``vanban serve``.
"""
