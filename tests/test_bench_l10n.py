"""The localization benchmark's own reader and measures (bench/l10n): what the figures rest on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "l10n"))

from corpus import lang_from_path, normalise_lang, read_bytes
from run import fix_changes_verbatim, inside_code, locate, source_verbatim


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh_Hans", "zh-CN"),
        ("zh_TW", "zh-TW"),
        ("zh-Hant-HK", "zh-TW"),
        ("pt_BR", "pt-BR"),
        ("pt-PT", "pt"),
        ("de_DE", "de"),
        ("EN-US", "en"),
        ("sr@latin", "sr"),
        ("", None),
        ("Chinese", None),
    ],
)
def test_normalise_lang(tag: str, expected: str | None) -> None:
    assert normalise_lang(tag) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("po/zh_CN.po", "zh-CN"),
        ("wagtail/admin/locale/pt_BR/LC_MESSAGES/django.po", "pt-BR"),
        ("translations/messages.fr.xlf", "fr"),
        ("src/Tasks/Resources/xlf/Strings.zh-Hant.xlf", "zh-TW"),
        ("Neos.Neos/Resources/Private/Translations/ja/Main.xlf", "ja"),
        ("he/focus-ios.xliff", "he"),
        ("omegat/project_save.tmx", None),
    ],
)
def test_lang_from_path(path: str, expected: str | None) -> None:
    assert lang_from_path(path) == expected


PO = b"""msgid ""
msgstr ""
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#, c-format
msgid "one file"
msgid_plural "%d files"
msgstr[0] "un fichier"
msgstr[1] "%d fichiers"

#, fuzzy
msgid "Open"
msgstr "Ouvrir"

msgctxt "menu"
msgid "Quit"
msgstr ""
"Quit"
"ter"

#~ msgid "Old"
#~ msgstr "Vieux"
"""


def test_po_reader_counts_plural_forms_skips_fuzzy_obsolete_and_joins_lines() -> None:
    info = read_bytes(PO, "po")
    assert info.target_lang == "fr"
    assert [(unit.source, unit.target) for unit in info.units] == [
        ("one file", "un fichier"),
        ("%d files", "%d fichiers"),
        ("Quit", "Quitter"),
    ]
    text = info.text
    unit = info.units[2]
    assert text[unit.target_span[0] : unit.target_span[1]] == '""\n"Quit"\n"ter"'  # the raw msgstr lines


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="de" datatype="plaintext" original="x">
    <body>
      <trans-unit id="a"><source>Save &amp; close</source><target>Speichern &amp; schließen</target></trans-unit>
      <trans-unit id="b" translate="no"><source>ID</source><target>ID</target></trans-unit>
      <trans-unit id="c"><source>Empty</source><target/></trans-unit>
      <trans-unit id="d"><source>Go <x id="1" equiv-text="&lt;b&gt;"/></source>
        <target>Los <x id="1" equiv-text="&lt;b&gt;"/></target></trans-unit>
    </body>
  </file>
</xliff>
""".encode()


def test_xliff_reader_keeps_inline_codes_as_written() -> None:
    info = read_bytes(XLIFF, "xliff")
    assert (info.source_lang, info.target_lang) == ("en", "de")
    assert [unit.target for unit in info.units] == [
        "Speichern & schließen",
        'Los <x id="1" equiv-text="&lt;b&gt;"/>',
    ]


def test_tmx_1_1_lang_attribute() -> None:
    tmx = b"""<tmx version="1.1"><header srclang="en"/><body>
    <tu><tuv lang="en"><seg>Yes</seg></tuv><tuv lang="pl"><seg>Tak</seg></tuv></tu>
    <tu><tuv lang="en"><seg>No</seg></tuv></tu>
    </body></tmx>"""
    info = read_bytes(tmx, "tmx", "pl")
    assert [(unit.source, unit.target) for unit in info.units] == [("Yes", "Tak")]
    assert info.target_lang == "pl"


@pytest.mark.parametrize(
    ("target", "span", "source", "expected"),
    [
        ("Aktualisiere %s..%s", (15, 17), "Updating %s..%s", "%s..%s"),  # a range
        ("[y,n,q,a,d%s,?] ?", (4, 6), "Stage this hunk [y,n,q,a,d%s,?]?", "[y,n,q,a,d%s,?]"),
        ("« %s..%s »", (4, 6), "'%s..%s'", "%s..%s"),  # the token without the quotes put round it
        (" -n, --noheadings       ヘッダ", (17, 24), " -n, --noheadings       don't", "--noheadings       "),
        ("vous vous lavez", (0, 9), "you wash", None),
        ("Fichier :", (7, 8), "File:", None),
        ("a b", (0, 3), None, None),
    ],
)
def test_source_verbatim(target: str, span: tuple[int, int], source: str | None, expected: str | None) -> None:
    assert source_verbatim(target, span[0], span[1], source) == expected


@pytest.mark.parametrize(
    ("target", "span", "replacement", "verbatim", "changes"),
    [
        ("Aktualisiere %s..%s", (15, 17), ".", "%s..%s", True),  # %s..%s → %s.%s
        ("[y,n,q]", (2, 3), ", ", "[y,n,q]", True),
        (" -n, --noheadings       x", (17, 24), " ", "--noheadings       ", True),  # a column collapsed
        ("Status:", (6, 7), ": ", "Status:", False),  # the source's trailing space added after it
        ("Allumer %@", (9, 10), "@\n", "%@", False),
        ("Sphinx", (0, 1), "  S", "Sphinx", False),  # leading spaces before it
        ("Suche ...", (8, 9), ". ", "...", False),
        ("Suche ...", (8, 9), "", "...", True),
    ],
)
def test_fix_changes_verbatim(
    target: str, span: tuple[int, int], replacement: str, verbatim: str, changes: bool
) -> None:
    assert fix_changes_verbatim(target, span[0], span[1], replacement, verbatim) is changes


def test_inside_code_and_locate() -> None:
    target = 'Hi <x id="1" equiv-text="&lt;span&gt;"/> there;now'
    assert inside_code(target, 28, 30)  # the ';s' of '&lt;span'
    assert not inside_code(target, 46, 48)
    assert locate(target, {"start": 46, "end": 48, "text": ";n"}) == (46, 48)
    assert locate(target, {"start": 0, "end": 2, "text": ";n"}) == (46, 48)  # offsets that differ: found by text
    assert locate(target, {"start": 0, "end": 2, "text": "zz"}) is None
