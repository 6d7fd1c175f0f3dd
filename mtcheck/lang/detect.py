"""The language of every segment, decided once per file, in this order:

1. **the file**: what the format declares (XLIFF ``srcLang``/``trgLang`` and
   ``source-language``/``target-language``, the PO header's ``Language:``, TMX ``xml:lang``);
2. **the path**: the conventions localization repositories use (``PATH_CONVENTIONS`` below:
   ``de.po``, ``zh_CN/LC_MESSAGES/app.po``, ``messages.fr.xlf``, ``values-fr/``, ``fr-FR/``…);
3. **configuration and flags** (``--src-lang``/``--tgt-lang``, ``src-lang``/``tgt-lang``);
4. **the text**: its script (kana: Japanese, Hangul: Korean, Han: Chinese, Cyrillic letters
   that only Ukrainian or Russian has…) and, for Latin script, its most frequent words.

The file wins over a flag because a batch mixes languages and a file that says what it is
is right about itself more often than a flag given for the whole run; a flag fills in what
files and paths leave open (and still picks a TMX file's languages). A path names the target
language only. What none of them can tell stays unknown (or ``und-Latn``: "some language in
Latin script"), and a rule that needs a language does not run: mtcheck never assumes English.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from mtcheck.lang.codes import LANGUAGE_CODES, normalize
from mtcheck.lang.common_words import COMMON_WORDS
from mtcheck.lazyre import lazy
from mtcheck.model import Segment

#: A language code as paths spell it: ``de``, ``zh_CN``, ``pt-br``, ``sr@latin``, ``zh-Hans``.
_LANG = r"[a-z]{2,3}(?:[-_](?:[A-Z][a-z]{3}|[A-Za-z]{2}|[0-9]{3}))?(?:[-_][A-Za-z]{2})?(?:@[a-z]+)?"

#: Path conventions, most specific first; each names the target language in group ``lang``.
#: ``strict``: the code is also a common English word or file name (``no``, ``to``, ``in``),
#: so it counts only where the convention is unmistakable. ``markers``: text every match
#: holds (one of them), looked for before the pattern is compiled and searched (most paths
#: need few of the nine: compiling them all cost a one-line check 4 ms).
PATH_CONVENTIONS: tuple[tuple[str, regex.Pattern[str], bool, tuple[str, ...]], ...] = tuple(
    (name, lazy(pattern), strict, markers)
    for name, pattern, strict, markers in (
        (
            "gettext catalog directory (de/LC_MESSAGES/)",
            rf"(?:^|/)(?P<lang>{_LANG})/LC_MESSAGES/",
            False,
            ("/LC_MESSAGES/",),
        ),
        (
            "Android resources (values-fr/, values-pt-rBR/)",
            r"(?:^|/)values-(?P<lang>[a-z]{2,3}(?:-r[A-Z]{2})?)/",
            False,
            ("values-",),
        ),
        ("Apple bundle (fr.lproj/)", rf"(?:^|/)(?P<lang>{_LANG})\.lproj/", False, (".lproj/",)),
        (
            "catalog in a locale directory (po/no.po, locales/fr.json)",
            rf"(?:^|/)(?:po|locales?|i18n|l10n|translations?|lang|langs)/(?P<lang>{_LANG})\.\w+$",
            False,
            ("po/", "locale", "i18n/", "l10n/", "translation", "lang"),
        ),
        ("file named by its language (de.po, zh_CN.po, fr.json)", rf"(?:^|/)(?P<lang>{_LANG})\.\w+$", True, ()),
        ("language before the extension (messages.fr.xlf, app_de.ts)", rf"[._-](?P<lang>{_LANG})\.\w+$", True, ()),
        (
            "locale directory (locale/fr/, i18n/de/, translations/ja/)",
            rf"(?:^|/)(?:locales?|lang|langs|languages|i18n|l10n|translations?|messages|po|res)/(?P<lang>{_LANG})/",
            False,
            ("locale", "lang", "i18n/", "l10n/", "translation", "messages/", "po/", "res/"),
        ),
        ("regional directory (fr-FR/, pt_BR/)", r"(?:^|/)(?P<lang>[a-z]{2,3}[-_][A-Z]{2})/", False, ()),
        ("directory named by its language (de/strings.xlf)", rf"(?:^|/)(?P<lang>{_LANG})/[^/]+$", True, ()),
    )
)


#: Codes that are also English words or usual file names: only in unmistakable places.
#: (``mt`` is Maltese, and "machine translation" in ``zh-mt.txt``.)
_AMBIGUOUS = frozenset({"am", "an", "as", "be", "my", "no", "or", "so", "to", "iw", "in", "ji", "ie", "co", "mt"})
#: Lower-case region subtags a path may carry (``pt-br``, ``zh_cn``); others are not regions
#: (``zh-en`` names a language pair, not Chinese as spoken in a country "EN").
_REGIONS = frozenset(
    """
    us gb au ca nz ie in za br pt mx ar co cl pe ve es fr be ch at de lu li it cn tw hk sg mo jp kr ru ua
    by pl cz sk nl se no dk fi is ee lv lt hu ro md bg gr cy tr il sa eg ae ma dz tn iq ir af pk bd lk np
    id my ph vn th kh la mm ke ng et tz gh rs hr si ba me mk al am ge az kz uz
    """.split()
)


def from_path(path: str) -> str | None:
    """The target language a localization path names (``po/de.po`` → ``de``), or None."""
    normal = path.replace("\\", "/")
    for _name, pattern, strict, markers in PATH_CONVENTIONS:
        if markers and not any(marker in normal for marker in markers):
            continue  # no match can lack all of them
        found = None
        for match in pattern.finditer(normal, overlapped=True):
            code = _path_code(match.group("lang"), strict)
            if code is not None:
                found = code  # the last match is the one nearest the file
        if found is not None:
            return found
    return None


_ANDROID_REGION = lazy(r"-r([A-Z]{2})$")
_CODE_PARTS = lazy(r"[-_@]")


def _path_code(text: str, strict: bool) -> str | None:
    text = _ANDROID_REGION.sub(r"-\1", text)  # Android: pt-rBR
    parts = _CODE_PARTS.split(text)
    lang = parts[0].lower()
    if lang not in LANGUAGE_CODES or (strict and lang in _AMBIGUOUS):
        return None
    for part in parts[1:]:
        if len(part) == 2 and part.islower() and part not in _REGIONS:
            return None
    return normalize(text)


# --- the text -----------------------------------------------------------------------------------

_SCRIPT_NAMES = (
    "Latin", "Han", "Hiragana", "Katakana", "Hangul", "Cyrillic", "Arabic", "Hebrew", "Greek", "Thai",
    "Devanagari", "Bengali", "Tamil", "Telugu", "Gujarati", "Gurmukhi", "Kannada", "Malayalam", "Sinhala",
    "Armenian", "Georgian", "Ethiopic", "Khmer", "Lao", "Myanmar", "Tibetan",
)  # fmt: skip
_SCRIPT_RUNS = lazy("|".join(rf"(?P<{name}>\p{{Script={name}}}+)" for name in _SCRIPT_NAMES))
#: What a script alone says: its one language, or "some language in it" (ISO 15924).
_SCRIPT_LANGUAGE = {
    "Hangul": "ko", "Hebrew": "he", "Greek": "el", "Thai": "th", "Armenian": "hy", "Georgian": "ka",
    "Khmer": "km", "Lao": "lo", "Myanmar": "my", "Sinhala": "si", "Tibetan": "und-Tibt",
    "Devanagari": "und-Deva", "Bengali": "und-Beng", "Tamil": "ta", "Telugu": "te", "Gujarati": "gu",
    "Gurmukhi": "pa", "Kannada": "kn", "Malayalam": "ml", "Ethiopic": "und-Ethi",
}  # fmt: skip
#: Letters only one language of a script has (checked in this order).
_CYRILLIC = (("uk", "іїєґ"), ("be", "ў"), ("sr", "ђћџ"), ("mk", "ѓќѕ"), ("ru", "ыэё"))
_ARABIC = (("ur", "ٹڈڑںے"), ("ckb", "ڵڕێۆ"), ("ug", "ېۈۇ"), ("fa", "پچژگی"))
_WORD = lazy(r"\p{L}+")
#: Placeholders, tags and entities: not words of any language (``%s``, ``{name}``, ``<b>``).
_CODE = lazy(r"%[-+#0-9.$*]*[A-Za-z@]|\{[^{}]*\}|<[^<>]*>|&#?\w+;")
#: Each frequent word and the languages that use it.
_SPEAKERS: dict[str, tuple[str, ...]] = {}
for _lang, _words in COMMON_WORDS.items():
    for _word in _words:
        _SPEAKERS[_word] = (*_SPEAKERS.get(_word, ()), _lang)
#: How much text is read to decide: enough for a verdict, never the whole of a large file.
_SAMPLE_CHARS = 20_000


def from_text(texts: Iterable[str]) -> str | None:
    """The language the texts are written in, as far as their script and words tell; None
    when there are no letters at all."""
    sample = _CODE.sub(" ", _sample(texts))
    counts: collections.Counter[str] = collections.Counter()
    for match in _SCRIPT_RUNS.finditer(sample):
        counts[match.lastgroup or ""] += len(match.group())
    if not counts:
        return None
    cjk = counts["Han"] + counts["Hiragana"] + counts["Katakana"] + counts["Hangul"]
    latin = counts["Latin"]
    if cjk and 2 * cjk >= latin:  # a CJK character is worth a word, a Latin letter much less
        if counts["Hangul"] >= counts["Hiragana"] + counts["Katakana"] and counts["Hangul"] * 2 >= counts["Han"]:
            return "ko"
        kana = counts["Hiragana"] + counts["Katakana"]
        return "ja" if kana * 10 >= counts["Han"] + kana else "zh"
    counts["Han"] = counts["Hiragana"] = counts["Katakana"] = counts["Hangul"] = 0
    name = counts.most_common(1)[0][0]
    if name == "Latin":
        return _latin_language(sample)
    if name == "Cyrillic":
        return _by_letters(sample, _CYRILLIC, "und-Cyrl")
    if name == "Arabic":
        return _by_letters(sample, _ARABIC, "ar")
    return _SCRIPT_LANGUAGE.get(name)


def _sample(texts: Iterable[str]) -> str:
    parts: list[str] = []
    size = 0
    for text in texts:
        parts.append(text)
        size += len(text)
        if size >= _SAMPLE_CHARS:
            break
    return "\n".join(parts)


def _by_letters(sample: str, table: Sequence[tuple[str, str]], default: str) -> str:
    for lang, letters in table:
        if sum(sample.count(letter) for letter in letters) >= 2:
            return lang
    return default


def _latin_language(sample: str) -> str:
    """The language whose frequent words clearly dominate; else ``und-Latn``. A word several
    languages share counts for each of them as much as it tells: 1/n."""
    scores: collections.Counter[str] = collections.Counter()
    for word in _WORD.findall(sample.lower()):
        for lang in _SPEAKERS.get(word, ()):
            scores[lang] += 1 / len(_SPEAKERS[word])
    ranked = scores.most_common(2)
    if not ranked:
        return "und-Latn"
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if score >= 1.3 * runner_up + 0.5:  # one "the" and nothing else is English; "de" alone says nothing
        return best
    return "und-Latn"


# --- resolution -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """A file's languages and how each was found (``file``, ``path``, ``option``, ``text``)."""

    src_lang: str | None
    tgt_lang: str | None
    src_from: str
    tgt_from: str


def resolve(
    segments: list[Segment], path: str, src_lang: str | None, tgt_lang: str | None
) -> tuple[list[Segment], Decision]:
    """The segments with their languages decided (see the module's docstring), and how the
    file's languages were found; a segment whose file declared them keeps them, spelled
    normally."""
    fill = decide(segments, path, src_lang, tgt_lang)
    out = [decided(segment, fill) for segment in segments]
    return out, _summary(segments, out, fill)


def decided(segment: Segment, fill: Decision) -> Segment:
    """The segment in its languages: the file's own, spelled normally, else ``fill``'s."""
    src = normalize(segment.src_lang) or fill.src_lang
    tgt = normalize(segment.tgt_lang) or fill.tgt_lang
    if src != segment.src_lang or tgt != segment.tgt_lang:
        segment = segment.with_languages(src, tgt)
    return segment


def decide(
    segments: Iterable[Segment], path: str, src_lang: str | None, tgt_lang: str | None, *, uniform: bool = False
) -> Decision:
    """The languages for segments whose file does not declare them, and where they came from.
    ``segments`` is iterated up to four times, each time only as far as needed (the first
    rows, for a sample of the text): a streamed file is read again for each. ``uniform``:
    every segment has the languages the first has (a reader of a streamed file gives each the
    header's, or none), so a file whose first segment has them is not read to its end to
    learn that none lacks them."""
    first = next(iter(segments), None) if uniform else None
    all_have_target = first is not None and first.tgt_lang is not None  # (uniform: as the first has)
    all_have_source = first is not None and first.src_lang is not None
    target, target_from = from_path(path), "path"
    if target is None and normalize(tgt_lang):
        target, target_from = normalize(tgt_lang), "option"
    if target is None and not all_have_target and any(segment.tgt_lang is None for segment in segments):
        target, target_from = from_text(s.target for s in segments if s.tgt_lang is None), "text"
    source, source_from = normalize(src_lang), "option"
    if source is None and not all_have_source and any(s.src_lang is None and s.source for s in segments):
        source, source_from = from_text(s.source or "" for s in segments if s.src_lang is None), "text"
    return Decision(source, target, source_from if source else "unknown", target_from if target else "unknown")


def _summary(before: Sequence[Segment], after: Sequence[Segment], fill: Decision) -> Decision:
    """The file's languages as its first segment has them, found in the file where it said so."""
    if not after:
        return fill
    first, declared = after[0], before[0]
    return Decision(
        first.src_lang,
        first.tgt_lang,
        "file" if declared.src_lang else fill.src_from,
        "file" if declared.tgt_lang else fill.tgt_from,
    )
