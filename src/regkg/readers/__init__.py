"""Readers: one module per real source format, each producing a :class:`regkg.model.Document`.

Every reader module exports one function::

    read(paths: Sequence[Path], *, lang: str, encoding: str = "utf-8") -> Document

``paths`` are the files of one expression in manifest order (most readers take one file; the NPC English
pages and the Commission's main + annexes PDFs take several). A reader raises :class:`regkg.errors.SourceError`
naming the file and the position for input it cannot read, never a library's own exception. It returns
nodes without eIds; :func:`regkg.eid.assign` sets them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model import Document

READERS = {
    "docx_flk": "flk DOCX from the National Database of Laws and Regulations",
    "markdown_zh": "Markdown transcription of a Chinese statute",
    "json_genai": "per-article JSON (genai-measures-2023 schema)",
    "json_deep_synthesis": "per-article JSON with collapsed paragraphs (deep-synthesis-2022 schema)",
    "html_zh": "official Chinese HTML page (gov.cn, People's Daily reprints; UTF-8 or GBK)",
    "npc_html": "NPC English reference translation, HTML pages joined",
    "casi_text": "CASI English plain text translation",
    "json_csl_en": "per-article JSON with English translations (CSL 2025)",
    "commission_pdf": "European Commission PDF (proposal and annexes)",
    "eurlex_html": "EUR-Lex HTML of an Official Journal act",
    "translation_yaml": "regkg's own translation files (corpus/translations/*.yaml)",
}

Reader = Callable[..., Document]


def get_reader(name: str) -> Reader:
    """The ``read`` function of the reader module called ``name``."""
    if name not in READERS:
        raise KeyError(f"no reader {name!r}; known: {', '.join(sorted(READERS))}")
    module = importlib.import_module(f"{__name__}.{name}")
    return module.read


def read_files(name: str, paths: Sequence[Path], *, lang: str, encoding: str = "utf-8") -> Document:
    return get_reader(name)(list(paths), lang=lang, encoding=encoding)
