"""Read articles from files and folders: ``.txt`` in the seeds' layout and ``.jsonl``.

A ``.txt`` article may begin with `` date YYYY-MM-DD `` with the body going on on the same
line. A ``.jsonl`` file holds one article per line (``text``; optional ``id``, ``date``,
``title``, ``url``). Files that cannot be used are reported as ``Skipped`` and the run
goes on.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.types import Article

ARTICLE_SUFFIXES = (".txt", ".jsonl")
DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
FALLBACK_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


@dataclass(frozen=True)
class Skipped:
    """A file or line that was not read, and why."""

    source: str
    reason: str


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into article files, sorted within a folder.

    Raises:
        InputError: a path does not exist, or a file has an unsupported extension.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        elif path.is_file():
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                raise InputError(f"{path}: not an article file (expected {', '.join(ARTICLE_SUFFIXES)})")
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))


def decode(data: bytes) -> str:
    """Decode UTF-8, falling back to common legacy encodings.

    Raises:
        ValueError: the bytes look binary (NUL bytes) and are no text.
    """
    if b"\x00" in data:
        raise ValueError("binary file")
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("unknown text encoding")  # latin-1 decodes anything; kept for clarity


def parse_date(value: str | None, source: str) -> date | None:
    """An ISO date, or None; a malformed date is an error naming the source."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise ValueError(f"bad date {value!r}") from exc


def article_from_text(text: str, article_id: str, source: str) -> Article:
    """Split the optional leading date line from the body."""
    match = DATE_LINE.match(text)
    published = parse_date(match.group(1), source) if match else None
    body = text[match.end():] if match else text
    return Article(id=article_id, text=body.strip(), source=source, date=published)


def read_file(path: Path, root: Path | None = None) -> Iterator[Article | Skipped]:
    """Read one file into articles; problems come back as ``Skipped`` records."""
    article_id = str(path.relative_to(root)) if root else path.name
    try:
        text = decode(path.read_bytes())
    except (OSError, ValueError) as exc:
        yield Skipped(str(path), getattr(exc, "strerror", None) or str(exc))
        return
    if not text.strip():
        yield Skipped(str(path), "empty file")
        return
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl(text, path, article_id)
        return
    try:
        article = article_from_text(text, article_id, str(path))
    except ValueError as exc:
        yield Skipped(str(path), str(exc))
        return
    yield article if article.text else Skipped(str(path), "empty body after the date line")


def read_jsonl(text: str, path: Path, file_id: str) -> Iterator[Article | Skipped]:
    """One article per non-empty line; a bad line is skipped, the others are read."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not str(record.get("text") or "").strip():
                raise ValueError("no 'text' field")
            article = article_from_text(str(record["text"]), str(record.get("id") or f"{file_id}#{number}"), where)
            yield Article(
                id=article.id,
                text=article.text,
                source=where,
                date=parse_date(record.get("date"), where) or article.date,
                title=record.get("title"),
                url=record.get("url"),
            )
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            yield Skipped(where, str(exc).splitlines()[0])


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Every article under the given files and folders, in a stable order."""
    for given in paths:
        path = Path(given)
        root = path if path.is_dir() else None
        for file in find_files([path]):
            yield from read_file(file, root)
