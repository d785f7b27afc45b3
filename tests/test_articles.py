"""kg.articles: .txt in the seeds' layout, .jsonl, folders, and the files that are skipped."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.articles import Skipped, decode, find_files, read_articles
from kg.errors import InputError
from kg.types import Article


def read(paths) -> list[Article | Skipped]:
    return list(read_articles([Path(p) for p in paths]))


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# --- one .txt file: (content, expected date, expected body) ------------------------------

TXT_CASES = [
    pytest.param(
        " date 2020-10-06 Tom Cruise is back. He shoots in Norway.\n\nAdvertisement\n",
        date(2020, 10, 6), "Tom Cruise is back. He shoots in Norway.\n\nAdvertisement",
        id="seed-layout",
    ),
    pytest.param(" date 2020-10-06\nBody on the next line.", date(2020, 10, 6), "Body on the next line.", id="date-then-newline"),
    pytest.param("date 2021-01-31 No leading space.", date(2021, 1, 31), "No leading space.", id="no-leading-space"),
    pytest.param("\ufeff date 2020-01-01 After a BOM.", date(2020, 1, 1), "After a BOM.", id="utf8-bom"),
    pytest.param("Tom Cruise is back.\nNo date line here.", None, "Tom Cruise is back.\nNo date line here.", id="no-date-line"),
    pytest.param("  \n\nIndented body, no date.  \n", None, "Indented body, no date.", id="stripped"),
    pytest.param("Date 2020-10-06 is not a date line (capital D).", None, "Date 2020-10-06 is not a date line (capital D).", id="capital-date"),
    pytest.param("The date 2020-10-06 was set.", None, "The date 2020-10-06 was set.", id="date-mid-sentence"),
]


@pytest.mark.parametrize("content, expected_date, expected_body", TXT_CASES)
def test_txt_file(tmp_path, content, expected_date, expected_body):
    path = write(tmp_path / "000_abc.txt", content.encode("utf-8"))
    [article] = read([path])
    assert isinstance(article, Article)
    assert article.id == "000_abc.txt"  # a file given alone: its name
    assert article.source == str(path)
    assert article.date == expected_date
    assert article.text == expected_body
    assert article.title is None and article.url is None


# --- files that are skipped, not fatal: (bytes, suffix, reason contains) -----------------

SKIPPED_CASES = [
    pytest.param(b"", ".txt", "empty file", id="empty-txt"),
    pytest.param(b"  \n\t\n", ".txt", "empty file", id="blank-txt"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ".txt", "binary", id="binary-txt"),
    pytest.param(b"{\"text\": \"a\x00b\"}\n", ".jsonl", "binary", id="binary-jsonl"),
    pytest.param(b" date 2020-13-45 Body goes on.", ".txt", "bad date '2020-13-45'", id="bad-date-line"),
    pytest.param(
        b"", ".jsonl", "empty file", id="empty-jsonl",
    ),
    pytest.param(
        b" date 2020-10-06 \n", ".txt", "empty", id="date-line-only",
    ),
]


@pytest.mark.parametrize("data, suffix, reason", SKIPPED_CASES)
def test_unusable_file_is_skipped(tmp_path, data, suffix, reason):
    path = write(tmp_path / f"article{suffix}", data)
    items = read([path])
    assert len(items) == 1
    [item] = items
    assert isinstance(item, Skipped)
    assert item.source == str(path)
    assert reason in item.reason


# --- legacy encodings --------------------------------------------------------------------

ENCODING_CASES = [
    pytest.param("Café “quoted” – dash".encode("cp1252"), "Café “quoted” – dash", id="cp1252"),
    pytest.param("Penélope Cruz, Zoë".encode("latin-1"), "Penélope Cruz, Zoë", id="latin-1-as-cp1252"),
    pytest.param(b"odd \x81 byte \xe9", "odd \x81 byte é", id="latin-1-only"),  # 0x81 is undefined in cp1252
    pytest.param("Penélope 🎬".encode("utf-8"), "Penélope 🎬", id="utf-8"),
    pytest.param("\ufeffBOM".encode("utf-8"), "BOM", id="utf-8-bom"),
]


@pytest.mark.parametrize("data, text", ENCODING_CASES)
def test_decode_falls_back(data, text):
    assert decode(data) == text


def test_cp1252_file_is_read(tmp_path):
    path = write(tmp_path / "old.txt", " date 2019-05-01 Penélope Cruz said “yes”.".encode("cp1252"))
    [article] = read([path])
    assert article.text == "Penélope Cruz said “yes”."
    assert article.date == date(2019, 5, 1)


def test_decode_refuses_nul_bytes():
    with pytest.raises(ValueError, match="binary"):
        decode(b"text\x00more")


# --- JSON Lines ----------------------------------------------------------------------------

def test_jsonl_reads_good_lines_and_skips_bad_ones(tmp_path):
    lines = [
        json.dumps({"id": "v-1", "date": "2021-02-03", "title": "Dune", "url": "https://x.test/dune", "text": "Denis Villeneuve directs Dune."}),
        "",  # blank lines are ignored, not skipped
        json.dumps({"id": "v-2", "title": "no text here"}),
        '{"id": "v-3", "text": "unterminated',
        json.dumps({"text": " date 2019-01-02 Body from the date line."}),
        json.dumps([1, 2, 3]),
        json.dumps({"id": "v-7", "text": "   "}),
        json.dumps({"id": "v-8", "date": "2022-07-01T09:30:00Z", "text": " date 2019-01-02 The field wins."}),
        json.dumps({"id": "v-9", "date": "yesterday", "text": "Bad date field."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = read([path])
    articles = [i for i in items if isinstance(i, Article)]
    skipped = {i.source: i.reason for i in items if isinstance(i, Skipped)}

    assert [(a.id, a.date, a.title, a.url, a.text) for a in articles] == [
        ("v-1", date(2021, 2, 3), "Dune", "https://x.test/dune", "Denis Villeneuve directs Dune."),
        ("feed.jsonl#5", date(2019, 1, 2), None, None, "Body from the date line."),
        ("v-8", date(2022, 7, 1), None, None, "The field wins."),
    ]
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:5", f"{path}:8"]
    assert set(skipped) == {f"{path}:{n}" for n in (3, 4, 6, 7, 9)}
    assert skipped[f"{path}:3"] == "no 'text' field"
    assert skipped[f"{path}:9"] == "bad date 'yesterday'"
    assert "\n" not in skipped[f"{path}:4"]


# --- folders -----------------------------------------------------------------------------

def test_folder_is_read_recursively_with_relative_ids(tmp_path):
    root = tmp_path / "corpus"
    write(root / "b.txt", " date 2020-10-06 Second file.")
    write(root / "a.txt", "First file, no date.")
    write(root / "news" / "2021" / "c.txt", " date 2021-03-04 Deep file.")
    write(root / "news" / "feed.jsonl", json.dumps({"text": "Line one."}) + "\n" + json.dumps({"id": "given", "text": "Line two."}) + "\n")
    write(root / "notes.md", "not an article")  # ignored inside a folder
    write(root / "image.png", b"\x89PNG\x00")
    items = read([root])
    assert all(isinstance(i, Article) for i in items)
    assert [(i.id, i.text) for i in items] == [
        ("a.txt", "First file, no date."),
        ("b.txt", "Second file."),
        ("news/2021/c.txt", "Deep file."),
        ("news/feed.jsonl#1", "Line one."),
        ("given", "Line two."),
    ]
    assert read([root]) == items  # a stable order


def test_folder_with_uppercase_suffix(tmp_path):
    write(tmp_path / "A.TXT", "Upper-case suffix.")
    assert [a.id for a in read([tmp_path])] == ["A.TXT"]


def test_same_file_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", "Body.")
    assert find_files([path, path]) == [path]


# --- errors that stop the run ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["missing.txt", "no-such-folder", "dir/missing.jsonl"])
def test_missing_path_names_it(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(InputError, match="no such file or folder") as info:
        read([path])
    assert str(path) in str(info.value)


@pytest.mark.parametrize("name", ["notes.md", "page.html", "feed.json", "article"])
def test_unsupported_extension_given_explicitly(tmp_path, name):
    path = write(tmp_path / name, "Some text.")
    with pytest.raises(InputError, match="not an article file") as info:
        read([path])
    assert str(path) in str(info.value)
    assert ".txt" in str(info.value) and ".jsonl" in str(info.value)
