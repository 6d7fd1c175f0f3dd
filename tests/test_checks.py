"""The built-in checks, one table per check: exact spans, messages and fixes.

Every row is ``(target, expected)`` where ``expected`` lists ``(start, end, fixed)`` per hit,
``fixed`` being the whole target after that hit's fix (``None``: the hit offers no fix).
The rows come from real MT failures (examples/seed-mt-zh-en.txt) and from the English that
looks like them but is fine; a near-miss is a row whose expected list is empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_source_checks import CASES as SOURCE_CASES

from mtcheck.checks import (
    BUILTIN_CHECKS,
    accelerators,
    cjk,
    conventions,
    dashes,
    limits,
    numbers,
    placeholders,
    plurals,
    punctuation,
    repetition,
    special,
    truncation,
    units,
    untranslated,
    whitespace,
)
from mtcheck.checks.base import BuiltinCheck
from mtcheck.engine import Checker
from mtcheck.model import Origin, Safety, Segment, Severity, Side, apply_edits, non_overlapping
from mtcheck.surface import rule_hits

L10N_CHECKS = (
    *placeholders.CHECKS,
    *plurals.CHECKS,
    *accelerators.CHECKS,
    *whitespace.CHECKS,
    *limits.CHECKS,
    special.KEYWORDS_SEMICOLON,
    units.DUPLICATE_ID,
)
SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-mt-zh-en.txt"

SPACE_BEFORE = punctuation.SPACE_BEFORE
COLLISION = punctuation.COLLISION
MISSING_SPACE = punctuation.MISSING_SPACE
DOUBLE_SPACE = punctuation.DOUBLE_SPACE
FULLWIDTH = punctuation.FULLWIDTH
UNBALANCED = punctuation.UNBALANCED
DOUBLED_WORD = repetition.DOUBLED_WORD
DOUBLED_COORDINATION = repetition.DOUBLED_COORDINATION
LOWERCASE_AFTER_STOP = truncation.LOWERCASE_AFTER_STOP
FRAGMENT = truncation.FRAGMENT
CAPITALIZED_WORD = truncation.CAPITALIZED_WORD
DANGLING_END = truncation.DANGLING_END
UNTERMINATED = truncation.UNTERMINATED
HEADER_RESIDUE = truncation.HEADER_RESIDUE
LOWERCASE_OUTPUT = truncation.LOWERCASE_OUTPUT
CJK_RESIDUE = untranslated.CJK_RESIDUE
THOUSANDS = numbers.THOUSANDS_SEPARATOR
NUMBER_MISSING = numbers.MISSING
NUMBER_EXTRA = numbers.EXTRA
OPENING_MARK = conventions.OPENING_MARK
HALFWIDTH = cjk.HALFWIDTH_PUNCT
FULLWIDTH_ALNUM = cjk.FULLWIDTH_ALNUM
SPACE_AROUND = cjk.SPACE_AROUND_PUNCT
MIXED_SPACING = cjk.MIXED_SPACING
DASH_AS_HYPHEN = dashes.DASH_AS_HYPHEN

#: The safety of every fix a check offers; None: the check never offers one.
FIX_SAFETY: dict[str, Safety | None] = {
    "punct.space-before": Safety.SAFE,
    "punct.collision": Safety.SAFE,
    "punct.missing-space": Safety.SAFE,
    "punct.double-space": Safety.SAFE,
    "punct.fullwidth": Safety.SAFE,
    "punct.unbalanced": None,
    "punct.opening-mark": None,
    "punct.dash-as-hyphen": Safety.SUGGESTION,
    "repeat.word": Safety.SAFE,
    "repeat.coordination": Safety.SAFE,
    "trunc.lowercase-after-stop": Safety.SUGGESTION,
    "trunc.fragment": None,
    "trunc.capitalized-word": Safety.SUGGESTION,
    "trunc.dangling-end": None,
    "trunc.unterminated": Safety.SUGGESTION,
    "trunc.header-residue": Safety.SUGGESTION,
    "case.lowercase-output": None,
    "untranslated.cjk": None,
    "cjk.halfwidth-punct": Safety.SAFE,
    "cjk.fullwidth-alnum": Safety.SUGGESTION,
    "cjk.space-around-punct": Safety.SAFE,
    "cjk.mixed-spacing": Safety.SUGGESTION,
    "number.thousands-separator": Safety.SUGGESTION,
    "untranslated.identical": None,
    "untranslated.source-script": None,
    "placeholder.missing": None,
    "placeholder.extra": None,
    "placeholder.order": None,
    "placeholder.branches": None,
    "plural.forms": None,
    "plural.empty-form": None,
    "unit.duplicate-id": None,
    "accelerator.missing": None,
    "accelerator.multiple": None,
    "whitespace.newline": Safety.SAFE,
    "whitespace.leading": Safety.SAFE,
    "whitespace.trailing": Safety.SAFE,
    "length.limit": None,
    "length.ratio": None,
    "length.sentences": None,
    "consistency.source": None,
    "consistency.target": None,
    "number.missing": None,
    "number.extra": None,
    "keywords.semicolon": Safety.SAFE,
}

#: Checks whose hits point into the source (what the target lacks).
#: Checks whose tables (exact spans and messages) live in test_source_checks.py, and the
#: batch checks, whose findings come after the batch.
ELSEWHERE = {case[0].info.id for case in SOURCE_CASES} | {"length.ratio", "consistency.source", "consistency.target"}
#: The software-localization checks: their tables are in test_l10n_checks.py.
ELSEWHERE |= {check.info.id for check in L10N_CHECKS}
SOURCE_SIDE = {"number.missing", "placeholder.missing", "accelerator.missing", "length.ratio", "length.sentences"}


def segment(target: str, source: str | None = None, tgt_lang: str | None = None) -> Segment:
    """A segment in ``tgt_lang``, English unless given (the tables are English but where they say)."""
    return Segment(key="t", target=target, origin=Origin("t", 1), source=source, tgt_lang=tgt_lang or "en")


def outcomes(check: BuiltinCheck, target: str, source: str | None = None, tgt_lang: str | None = None):
    """``(start, end, fixed target or None)`` for each hit of ``check``, as the engine runs it
    on a target in ``tgt_lang`` (English unless given): nothing where the check does not apply."""
    tgt_lang = tgt_lang or "en"
    if not check.info.scope.admits(None, tgt_lang):
        return []
    return [
        (hit.start, hit.end, None if hit.fix is None else apply_edits(target, hit.fix.edits))
        for hit in rule_hits(check, segment(target, source, tgt_lang))
    ]


def bug(reason: str):
    return pytest.mark.xfail(reason=f"BUG: {reason}", strict=True)


def case(check: BuiltinCheck, target: str, expected, *, source: str | None = None, lang: str | None = None, marks=()):
    label = f"{check.info.id}|{target[:40]!r}" + (f"|{lang}" if lang else "") + (f"|src={source!r}" if source else "")
    return pytest.param(check, target, source, lang, expected, id=label, marks=marks)


CASES = [
    # --- punct.space-before -------------------------------------------------------------
    case(
        SPACE_BEFORE,
        "exhibitions, multi-dimensional , Publicize",
        [(30, 32, "exhibitions, multi-dimensional, Publicize")],
    ),
    case(SPACE_BEFORE, "It varies from 40 to 400 .", [(24, 26, "It varies from 40 to 400.")]),
    case(
        SPACE_BEFORE,
        "Note : this ; that ? yes !",
        [
            (4, 6, "Note: this ; that ? yes !"),
            (11, 13, "Note : this; that ? yes !"),
            (18, 20, "Note : this ; that? yes !"),
            (24, 26, "Note : this ; that ? yes!"),
        ],
    ),
    case(SPACE_BEFORE, "word \t\u00a0, next", [(4, 8, "word, next")]),  # every blank before the mark goes
    case(SPACE_BEFORE, 'He said "yes ."', [(12, 14, 'He said "yes."')]),  # a closing quote may follow
    case(SPACE_BEFORE, "Wait ... what?", []),  # an ellipsis is no full stop
    case(SPACE_BEFORE, "It costs $ .50 now.", []),
    case(SPACE_BEFORE, "Version .NET 8", []),
    case(SPACE_BEFORE, "3 ,000 people", []),  # the mark must be followed by a space or the end
    case(SPACE_BEFORE, "a , b", [(1, 3, "a, b")]),
    # French sets ; : ? ! off with a space; only , and . are wrong there.
    case(SPACE_BEFORE, "Qu'est-ce que c'est ; voilà", [], lang="fr"),
    case(SPACE_BEFORE, "Qu'est-ce que c'est ; voilà", [(19, 21, "Qu'est-ce que c'est; voilà")], lang="en"),
    case(SPACE_BEFORE, "Attention : danger", [], lang="fr"),
    case(SPACE_BEFORE, "Bonjour , monde ; voilà ! oui ?", [(7, 9, "Bonjour, monde ; voilà ! oui ?")], lang="fr-FR"),
    case(SPACE_BEFORE, "C'est fini .", [(10, 12, "C'est fini.")], lang="fr_CA"),
    # --- punct.collision ----------------------------------------------------------------
    case(
        COLLISION,
        "and strengthen responsibility. , resolutely implement",
        [(29, 32, "and strengthen responsibility, resolutely implement")],
    ),
    case(COLLISION, "This is how clever it is.. It is called", [(24, 26, "This is how clever it is. It is called")]),
    case(COLLISION, "apples,, pears", [(6, 8, "apples, pears")]),
    # The weaker mark stays when the sentence goes on in lower case or with a digit...
    case(COLLISION, "done. , The end", [(4, 7, "done. The end")]),
    case(COLLISION, "page 3. , 4 more", [(6, 9, "page 3, 4 more")]),
    case(COLLISION, "a,; b", [(1, 3, "a, b")]),
    case(COLLISION, "a,; B", [(1, 3, "a; B")]),
    case(COLLISION, "Note:, Begin", [(4, 6, "Note: Begin")]),
    case(COLLISION, "a, . b", [(1, 4, "a, b")]),
    case(COLLISION, "a, . B", [(1, 4, "a. B")]),
    case(COLLISION, "a;; b", [(1, 3, "a; b")]),
    case(COLLISION, "the end. ,", [(7, 10, "the end.")]),  # ...and the stronger one at the end
    case(COLLISION, "Wait... what?", []),
    case(COLLISION, "Wait.... what?", []),
    case(COLLISION, "Well, ... maybe", []),
    case(COLLISION, "fees, taxes, etc., and more", []),
    case(COLLISION, "It rose by .5 points.", []),
    case(COLLISION, "rose by, .5 points", []),
    # --- punct.missing-space ------------------------------------------------------------
    case(
        MISSING_SPACE,
        "in a fraction of a second.In the process,",
        [(25, 27, "in a fraction of a second. In the process,")],
    ),
    case(MISSING_SPACE, "apples,pears", [(6, 8, "apples, pears")]),
    case(MISSING_SPACE, "fees;taxes", [(4, 6, "fees; taxes")]),
    case(MISSING_SPACE, "Karten;Landkarte;", [], source="Maps;", lang="de"),  # a keyword list, as in the source
    case(
        MISSING_SPACE,
        "Nektar gibt.Sie dachte",
        [(11, 13, "Nektar gibt. Sie dachte")],
        source="It gives none. She thought.",  # a full stop ends a sentence, even at the end
        lang="de",
    ),
    case(MISSING_SPACE, "Really?Yes", [(6, 8, "Really? Yes")]),
    case(MISSING_SPACE, "Hello,World", [(5, 7, "Hello, World")]),
    case(MISSING_SPACE, "Visit www.Example.com today.", []),
    case(MISSING_SPACE, "It costs 3,500 yuan.", []),
    case(MISSING_SPACE, "Write to a.b@Mail.org.", []),
    case(MISSING_SPACE, "See https://docs.Python/x.", []),
    case(MISSING_SPACE, "Open index.Html now", []),
    case(MISSING_SPACE, "the U.S.Army", []),
    case(MISSING_SPACE, "e.g.The", []),
    case(MISSING_SPACE, "A,B and C", []),  # the comma must follow a lower-case letter
    # --- punct.double-space -------------------------------------------------------------
    case(DOUBLE_SPACE, "the national  security team", [(12, 14, "the national security team")]),
    case(DOUBLE_SPACE, "a   b", [(1, 4, "a b")]),
    case(DOUBLE_SPACE, "apples,  pears", [(7, 9, "apples, pears")]),
    case(DOUBLE_SPACE, "End of sentence.  Next one.", []),
    case(DOUBLE_SPACE, "Why?  Because.", []),
    case(DOUBLE_SPACE, "Note:  this", []),
    case(DOUBLE_SPACE, "Leading  ", []),
    case(DOUBLE_SPACE, "  leading", []),
    case(DOUBLE_SPACE, "tab\t\tseparated", []),
    # --- punct.fullwidth ----------------------------------------------------------------
    case(FULLWIDTH, "Hello，world", [(5, 6, "Hello, world")]),
    case(FULLWIDTH, "Hello， world", [(5, 6, "Hello, world")]),
    case(FULLWIDTH, "price：100", [(5, 6, "price: 100")]),
    case(
        FULLWIDTH,
        "It works（mostly）。",
        [(8, 9, "It works(mostly）。"), (15, 16, "It works（mostly)。"), (16, 17, "It works（mostly）.")],
    ),
    case(FULLWIDTH, "He said “yes，”", [(12, 13, "He said “yes,”")]),  # no space before a closing quote
    case(FULLWIDTH, "items、tasks", [(5, 6, "items, tasks")]),
    case(FULLWIDTH, "【Note】", [(0, 1, "[Note】"), (5, 6, "【Note]")]),
    case(FULLWIDTH, "ＡＢ", [(0, 1, "AＢ"), (1, 2, "ＡB")]),
    case(FULLWIDTH, "the 《National Security Law》", [(4, 5, None), (26, 27, None)]),  # no ASCII form
    case(FULLWIDTH, "He said “yes”.", []),
    case(FULLWIDTH, "A normal (ASCII) sentence.", []),
    case(FULLWIDTH, "你好，世界。", [], lang="zh"),
    case(FULLWIDTH, "こんにちは、世界。", [], lang="ja-JP"),
    case(FULLWIDTH, "你好，世界。", [], lang="zh_TW"),
    case(FULLWIDTH, "Hello，world", [(5, 6, "Hello, world")], lang="en-GB"),
    # --- punct.opening-mark -------------------------------------------------------------
    case(OPENING_MARK, "Desea guardar los cambios?", [(25, 26, None)], lang="es"),
    case(OPENING_MARK, "¿Desea guardar? Hecho. Salir?", [(28, 29, None)], lang="es-MX"),
    case(OPENING_MARK, "Atención!", [(8, 9, None)], lang="es"),
    case(OPENING_MARK, "¿Desea guardar los cambios?", [], lang="es"),
    case(OPENING_MARK, "¡Atención! ¿Seguro?", [], lang="es"),
    case(OPENING_MARK, "¿Qué???", [], lang="es"),
    case(OPENING_MARK, "Do you want to save?", []),
    case(OPENING_MARK, "Voulez-vous quitter ?", [], lang="fr"),
    # --- punct.unbalanced ---------------------------------------------------------------
    case(UNBALANCED, "party committees (party groups at all levels", [(17, 18, None)]),
    case(UNBALANCED, "the “five major security areas", [(4, 5, None)]),
    case(UNBALANCED, 'He said "yes', [(8, 9, None)]),
    case(UNBALANCED, 'a "b" c "d', [(8, 9, None)]),  # the last straight quote is the odd one
    case(DOUBLE_SPACE, " -d, --discard[=<stratégie>]  activer les abandons\n", [], lang="fr"),  # a help column
    case(DOUBLE_SPACE, "- Liste  des options", [(7, 9, "- Liste des options")], lang="fr"),  # a bullet: prose
    case(UNBALANCED, "some text) more", [(9, 10, None)]),
    case(UNBALANCED, "Ausgabe in Langform (getrennt durch '=')", [], lang="de"),  # no "=')" emoticon
    case(UNBALANCED, 'gdy atrybut „Overwrite="true"”.', [], lang="pl"),  # an attribute value in „…”
    case(UNBALANCED, "los diccionarios (en el ejemplo D:\\Translations\\dicts).", [], lang="es"),
    case(UNBALANCED, "(a [b) c]", [(0, 1, None), (5, 6, None)]),
    case(UNBALANCED, "it works（mostly", [(8, 9, None)]),
    # the source's own open pair excuses the same kind in the target, not the other kind
    case(UNBALANCED, 'He said: "We know it.', [], source="他说：“我们知道。"),
    case(UNBALANCED, "we must change.”", [], source="我们必须改变。」"),
    case(UNBALANCED, 'He said: "We know it.', [(9, 10, None)], source="他说：“我们知道。”"),
    case(UNBALANCED, 'He said (we know "it".', [(8, 9, None)], source="他说：“我们知道"),
    case(UNBALANCED, "the plan (part one", [], source="计划（第一部分"),
    # the source's open brace, quoted in the target: the guillemets still pair
    case(UNBALANCED, "n'utilisez pas « { » dans le nom", [], source="don't use `{' in the name", lang="fr"),
    case(UNBALANCED, "n'utilisez pas « { dans le nom", [(15, 16, None)], source="don't use `{' in the name", lang="fr"),
    # --- punct.dash-as-hyphen -------------------------------------------------------------
    # the word after the hyphen opens a clause, or a number follows a common word
    case(
        DASH_AS_HYPHEN,
        "It's getting closer-40000 years ago.",
        [(19, 20, "It's getting closer — 40000 years ago.")],
        source="它越来越近- 40000年前。",
    ),
    case(
        DASH_AS_HYPHEN,
        "to build-our buildings and machines.",
        [(8, 9, "to build — our buildings and machines.")],
        source="要建造的东西—— 我们的建筑和机器。",
    ),
    # the count: one dash in the source, none rendered, one glued pair that is no compound
    case(
        DASH_AS_HYPHEN,
        "They are so important-plants have other ways.",
        [(21, 22, "They are so important — plants have other ways.")],
        source="它们是如此重要—— 植物有其他方式。",
    ),
    # two glued pairs for one missing dash: one is a compound, neither is known
    case(DASH_AS_HYPHEN, "so important-plants grow, a hawk-moth", [], source="如此重要—— 植物生长"),
    # the dash is rendered; compounds; a function word (en.punct.hyphen-as-dash's); no dash
    case(DASH_AS_HYPHEN, "a floret — located in other bands", [], source="小花—— 位于其他频段"),
    case(DASH_AS_HYPHEN, "a free-falling, self-made, 8-foot, dam-like robot", [], source="一个机器人——"),
    case(DASH_AS_HYPHEN, "the state-controlled company at the US-China talks", [], source="国有公司——中美会谈"),
    case(DASH_AS_HYPHEN, "the universe-a series of images", [], source="宇宙——一系列图像"),
    case(DASH_AS_HYPHEN, "simple sequences-basically the DNA", [], source="简单的序列，基本上就是DNA"),
    # the source's own hyphen (和平救援-2021), a name, a site suffix; not English; no source
    case(DASH_AS_HYPHEN, "the peace rescue-2021 drill, held", [], source="和平救援-2021演习——举行"),
    case(DASH_AS_HYPHEN, "the Peace Rescue-2021 drill ended", [], source="和平救援-2021演习——结束"),
    case(DASH_AS_HYPHEN, "Work Conference-Xinhuanet", [], source="中央经济工作会议——新华网"),
    case(DASH_AS_HYPHEN, "simple sequences-basically the DNA", [], source="简单的序列——基本上", lang="de"),
    case(DASH_AS_HYPHEN, "simple sequences-basically the DNA", []),
    case(UNBALANCED, "party committees (party groups) at all levels", []),
    case(UNBALANCED, "the “five major security” areas", []),
    case(UNBALANCED, 'He said "yes" and "no".', []),
    case(UNBALANCED, "Steps: 1) plan, 2) act.", []),
    case(UNBALANCED, "a) first b) second iv) fourth", []),
    case(UNBALANCED, "the country’s and people’s security", []),  # apostrophes are not quotes
    case(UNBALANCED, "(see Table 2)", []),
    # quotation marks as the target language pairs them (its locale pack)
    case(UNBALANCED, "Er sagte: „Das ist ‚gut‘.“", [], lang="de"),
    case(UNBALANCED, "Die Funktion »%s« erwartet", [], lang="de-AT"),
    case(UNBALANCED, "Die Funktion „%s erwartet", [(13, 14, None)], lang="de"),
    case(UNBALANCED, "La fonction « %s » prend", [], lang="fr"),
    case(UNBALANCED, "Funkcja „%s” przyjmuje", [], lang="pl"),
    case(UNBALANCED, "flaggan ”%s” antar", [], lang="sv"),
    case(UNBALANCED, "flaggan ”%s antar", [(8, 9, None)], lang="sv"),
    case(UNBALANCED, "「設定」を開く", [], lang="ja"),
    case(UNBALANCED, "「設定を開く", [(0, 1, None)], lang="ja"),
    case(UNBALANCED, 'מיליליטר,מ"ל', [], lang="he"),  # gershayim, not a quote
    case(UNBALANCED, "الدالة )sin( غير", [(7, 8, None), (11, 12, None)], lang="ar"),
    case(UNBALANCED, "Bulgarian „цитат“ text", [], lang="und-Cyrl"),  # no pack: curly quotes unjudged
    case(UNBALANCED, "some text) more", [(9, 10, None)], lang="und-Latn"),
    case(UNBALANCED, "« Poprzednie", [], lang="pl"),  # arrows and separators
    case(UNBALANCED, "Następne »", [], lang="pl"),
    case(UNBALANCED, "Bolt » Logowanie", [], lang="pl"),
    case(UNBALANCED, "La fonction « %s prend", [(12, 13, None)], lang="fr"),  # « opens a quotation
    case(UNBALANCED, "Symbole des minutes manquant (“)", [], lang="fr"),  # a mark standing for itself
    case(UNBALANCED, "se termine par ”%s”, mais", [], lang="fr"),  # ” typed on both sides
    case(UNBALANCED, "في الملف ”%s“.", [], lang="ar"),  # quotes typed as seen right to left
    case(UNBALANCED, "インストールする。2) Visual Studio", [], lang="ja"),  # an enumerator after 。
    # --- cjk.* --------------------------------------------------------------------------
    case(HALFWIDTH, "文件已保存,是否继续?", [(5, 6, "文件已保存，是否继续?")], lang="zh"),
    case(
        HALFWIDTH,
        "时间:下午;地点.会议室",
        [(2, 3, "时间：下午;地点.会议室"), (5, 6, "时间:下午；地点.会议室"), (8, 9, "时间:下午;地点。会议室")],
        lang="zh-CN",
    ),
    case(HALFWIDTH, "設定を保存しました,次へ", [(9, 10, "設定を保存しました、次へ")], lang="ja"),
    case(HALFWIDTH, "版本 2.0,3.0 和 config.yaml", [], lang="zh"),
    case(HALFWIDTH, "文件已保存，是否继续？", [], lang="zh"),
    case(HALFWIDTH, "파일,저장", [], lang="ko"),
    case(HALFWIDTH, "文件,保存", [], lang="yue"),  # no locale pack: no table of full-width forms
    case(FULLWIDTH_ALNUM, "第１２章", [(1, 3, "第12章")], lang="zh"),
    case(FULLWIDTH_ALNUM, "ＵＳＢメモリ", [(0, 3, "USBメモリ")], lang="ja"),
    case(FULLWIDTH_ALNUM, "ＵＳＢ 메모리", [(0, 3, "USB 메모리")], lang="ko"),
    case(FULLWIDTH_ALNUM, "第12章", [], lang="zh"),
    case(SPACE_AROUND, "文件已保存 。然后", [(5, 6, "文件已保存。然后")], lang="zh"),
    case(SPACE_AROUND, "保存しました。 次へ", [(7, 8, "保存しました。次へ")], lang="ja"),
    case(SPACE_AROUND, "请检查「设置 」。", [(6, 7, "请检查「设置」。")], lang="zh-TW"),
    case(SPACE_AROUND, "使用 “PreserveNewest” 或", [], lang="zh"),  # “ ” are Latin marks
    case(SPACE_AROUND, "使用 Git 提交。", [], lang="zh"),
    case(SPACE_AROUND, "完成。\n下一步", [], lang="zh"),
    case(MIXED_SPACING, "使用 Git 和GitHub 管理", [(7, 9, "使用 Git 和 GitHub 管理")], lang="zh"),
    case(MIXED_SPACING, "使用Git和 GitHub管理", [(6, 7, "使用Git和GitHub管理")], lang="zh"),
    case(MIXED_SPACING, "使用 Git 和 GitHub 管理", [], lang="zh"),
    case(MIXED_SPACING, "使用Git和GitHub管理", [], lang="zh"),
    # --- repeat.word --------------------------------------------------------------------
    case(DOUBLED_WORD, "We visited the the exhibition.", [(11, 18, "We visited the exhibition.")]),
    case(DOUBLED_WORD, "The the end.", [(0, 7, "The end.")]),
    case(DOUBLED_WORD, "This was\twas fine", [(5, 12, "This was fine")]),
    case(DOUBLED_WORD, "of of", [(0, 5, "of")]),
    case(DOUBLED_WORD, "She had had enough.", []),
    case(DOUBLED_WORD, "He said that that was fine.", []),
    case(DOUBLED_WORD, "Tian Tian spreads the pollen.", []),
    case(DOUBLED_WORD, "He moved to Walla Walla.", []),
    case(DOUBLED_WORD, "bye bye", []),
    case(DOUBLED_WORD, "in 1999 1999", []),
    case(DOUBLED_WORD, "the theory", []),
    case(DOUBLED_WORD, "bathe the baby", []),
    case(DOUBLED_WORD, "Vous vous êtes trompé", [], lang="fr"),
    case(DOUBLED_WORD, "Dateien, die die Anwendung erstellt", [], lang="de"),
    case(DOUBLED_WORD, "Wenn Sie sie löschen", [], lang="de"),
    case(DOUBLED_WORD, "Dateien, die die Anwendung", [(9, 16, "Dateien, die Anwendung")], lang="nl"),
    case(DOUBLED_WORD, "%s s'arrête", [], lang="fr"),  # the first "s" is a placeholder's
    case(DOUBLED_WORD, "Esperando ~a a que", [], lang="es"),
    case(DOUBLED_WORD, "文件 文件", [], lang="zh"),  # not a spaced script: the check does not run
    case(DOUBLED_WORD, "il devrait peut-être être déplacé", [], lang="fr"),  # the end of a compound
    case(DOUBLED_WORD, "tornando-a a nova pasta", [], lang="pt"),
    case(DOUBLED_WORD, "l'a a été", [], lang="fr"),
    case(DOUBLED_WORD, "na variável array ARRAY", [], lang="pt"),  # a metavariable
    case(DOUBLED_WORD, "o nome de usuário e e-mail", [], lang="pt"),  # the start of a compound
    case(DOUBLED_WORD, "العضوية والخدمة والخدمة التحريرية", [], lang="ar"),  # و "and" + a modifier
    case(DOUBLED_WORD, "تم الحفظ الحفظ", [(3, 14, "تم الحفظ")], lang="ar"),
    case(DOUBLED_WORD, "em vez de una una página", [(10, 17, "em vez de una página")], lang="pt"),
    # --- repeat.coordination ------------------------------------------------------------
    case(
        DOUBLED_COORDINATION,
        "at all levels in various departments and departments in the province",
        [(25, 52, "at all levels in various departments in the province")],
    ),
    case(DOUBLED_COORDINATION, "departments or departments", [(0, 26, "departments")]),
    case(DOUBLED_COORDINATION, "Departments and departments", [(0, 27, "Departments")]),
    case(DOUBLED_COORDINATION, "It got faster and faster.", []),
    case(DOUBLED_COORDINATION, "bigger and bigger", []),
    case(DOUBLED_COORDINATION, "again and again", []),
    case(DOUBLED_COORDINATION, "more and more", []),
    case(DOUBLED_COORDINATION, "over and over", []),
    case(DOUBLED_COORDINATION, "years and years", []),
    case(DOUBLED_COORDINATION, "departments and agencies", []),
    case(DOUBLED_COORDINATION, "in 2023 and 2023", []),
    case(DOUBLED_COORDINATION, "so and so", []),  # two letters: too short to be a list
    case(DOUBLED_COORDINATION, "things got worse and worse", []),
    case(DOUBLED_COORDINATION, "for ever and ever", []),
    # --- case.lowercase-output: one finding, not one per sentence ------------------------
    case(LOWERCASE_OUTPUT, "the talks resumed on monday. both sides met. talks go on.", [(0, 3, None)]),
    case(LOWERCASE_AFTER_STOP, "the talks resumed on monday. both sides met. talks go on.", []),
    case(LOWERCASE_OUTPUT, "security. team and build a strong work system.", []),  # one break: a cut
    case(LOWERCASE_OUTPUT, "The talks resumed. both sides met. talks go on.", []),  # capitals: cuts
    case(LOWERCASE_OUTPUT, "the talks resumed on monday. both sides met. talks go", []),  # no end
    # --- trunc.lowercase-after-stop -----------------------------------------------------
    case(
        LOWERCASE_AFTER_STOP,
        "to create high-quality national security. team and build",
        [(40, 46, "to create high-quality national security team and build")],
    ),
    case(LOWERCASE_AFTER_STOP, "Thank you. thank you all.", [(9, 16, "Thank you thank you all.")]),
    case(LOWERCASE_AFTER_STOP, "security.\tteam", [(8, 14, "security team")]),
    case(LOWERCASE_AFTER_STOP, "security.  team's", [(8, 15, "security team's")]),
    case(LOWERCASE_AFTER_STOP, "(security. team", [(9, 15, "(security team")]),
    case(LOWERCASE_AFTER_STOP, "fees, taxes, etc. to close the gap", []),
    case(LOWERCASE_AFTER_STOP, "Born in the U.S. he moved", []),
    case(LOWERCASE_AFTER_STOP, "See Fig. 3. and more", []),
    case(LOWERCASE_AFTER_STOP, "Wait... and then", []),
    case(LOWERCASE_AFTER_STOP, "Talk to Mr. smith", []),
    case(LOWERCASE_AFTER_STOP, "fruit, e.g. apples", []),
    case(LOWERCASE_AFTER_STOP, "version 2. then", []),
    case(LOWERCASE_AFTER_STOP, "Plan b. then", []),  # one letter: an initial
    case(LOWERCASE_AFTER_STOP, "security. a team", []),  # the next word must have two letters
    case(LOWERCASE_AFTER_STOP, "security. Team", []),
    case(LOWERCASE_AFTER_STOP, "Thank you. Thank you all.", []),
    # --- trunc.fragment -----------------------------------------------------------------
    case(
        FRAGMENT,
        "create an environment for maintaining national security. Strong atmosphere. We must act.",
        [(57, 75, None)],
    ),
    case(FRAGMENT, "national security. Strong atmosphere.", [(19, 37, None)]),
    case(FRAGMENT, "national security. Very strong atmosphere.", [(19, 42, None)]),
    case(FRAGMENT, "national security. Strong atmosphere", []),  # no full stop: not a sentence
    case(FRAGMENT, "national security. Very strong national atmosphere.", []),  # four words
    case(FRAGMENT, "Thank you. Thank you all.", []),
    case(FRAGMENT, "It failed. Make a copy.", []),
    case(FRAGMENT, "We tried. Nobody listened.", []),
    case(FRAGMENT, "It rained. Everyone was looking.", []),
    case(FRAGMENT, "Strong atmosphere. It was good.", []),  # nothing before it
    case(FRAGMENT, "the U.S. Strong atmosphere.", []),
    case(FRAGMENT, "Ask Dr. Brown today.", []),
    case(FRAGMENT, "Costs fell. Prices rose.", []),
    # --- trunc.capitalized-word ---------------------------------------------------------
    case(
        CAPITALIZED_WORD,
        "theme exhibitions, multi-dimensional , Publicize national security knowledge",
        [(39, 48, "theme exhibitions, multi-dimensional , publicize national security knowledge")],
    ),
    case(
        CAPITALIZED_WORD,
        "maintaining the country’s “five major security” Responsibility, build",
        [(48, 62, "maintaining the country’s “five major security” responsibility, build")],
    ),
    case(
        CAPITALIZED_WORD,
        'the "five major security" Responsibility',
        [(26, 40, 'the "five major security" responsibility')],
    ),
    case(CAPITALIZED_WORD, "in its orbit, for example, In orbit", [(27, 29, "in its orbit, for example, in orbit")]),
    case(CAPITALIZED_WORD, "However, Einstein did not realize it.", []),
    case(CAPITALIZED_WORD, "He said “no.” Responsibility matters.", []),
    case(CAPITALIZED_WORD, "in Long Beach, California.", []),
    case(CAPITALIZED_WORD, "exhibitions, Publicized", []),
    case(CAPITALIZED_WORD, "the “five major security”Responsibility", []),
    case(CAPITALIZED_WORD, "“Five major security” Responsibility", [(22, 36, "“Five major security” responsibility")]),
    # --- trunc.dangling-end -------------------------------------------------------------
    case(DANGLING_END, "When Xu Qin visited the exhibition, he emphasized that", [(50, 54, None)]),
    case(DANGLING_END, "he emphasized that ", [(14, 18, None)]),
    case(DANGLING_END, "he emphasized that,", [(14, 18, None)]),
    case(DANGLING_END, "in the interests of", [(17, 19, None)]),
    case(DANGLING_END, "he stressed that", [(12, 16, None)], source="他强调。"),
    case(DANGLING_END, "He emphasized that.", []),
    case(DANGLING_END, "What are you looking at?", []),
    case(DANGLING_END, "he stressed that", [], source="他强调，"),  # the source stops mid-sentence too
    case(DANGLING_END, "he stressed that", [], source="他强调："),
    case(DANGLING_END, "He said no", []),
    case(DANGLING_END, 'The biggest of which is the " Big Bang. "', []),
    case(DANGLING_END, "We chose Plan A", []),
    # --- trunc.unterminated -------------------------------------------------------------
    case(UNTERMINATED, "He visited the base", [(15, 19, "He visited the base.")], source="他参观了基地。"),
    case(UNTERMINATED, "He visited the base  ", [(15, 19, "He visited the base.  ")], source="他参观了基地。"),
    case(UNTERMINATED, 'He said "yes"', [(9, 13, 'He said "yes".')], source="他说：“是。”"),
    case(UNTERMINATED, "Did he visit", [(7, 12, "Did he visit?")], source="Did he visit?"),  # the source's mark
    case(UNTERMINATED, "Hat er besucht", [(7, 14, "Hat er besucht?")], source="Did he visit?", lang="de"),
    case(
        UNTERMINATED,
        "Voulez-vous vraiment quitter",
        [(21, 28, "Voulez-vous vraiment quitter\u202f?")],
        source="Do you want to quit?",
        lang="fr",
    ),
    case(UNTERMINATED, "هل تريد الحفظ", [(8, 13, "هل تريد الحفظ؟")], source="Save?", lang="ar"),
    case(UNTERMINATED, "هل تريد الحفظ؟", [], source="Save?", lang="ar"),
    case(
        UNTERMINATED,
        "<g>Alles ist fertig</g>",
        [(13, 19, "<g>Alles ist fertig.</g>")],
        source="<g>All done.</g>",
        lang="de",
    ),
    case(UNTERMINATED, "<g>Alles ist fertig.</g>", [], source="<g>All done.</g>", lang="de"),
    case(UNTERMINATED, "Vielen Dank", [], source="Thank you.", lang="de"),  # a greeting: style
    case(UNTERMINATED, "文件已保存", [], source="The file was saved.", lang="zh"),  # Chinese UI style
    case(UNTERMINATED, "---", [(2, 3, "---.")], source="好。"),
    case(UNTERMINATED, "He visited the base.", [], source="他参观了基地。"),
    case(UNTERMINATED, "He visited the base", [], source="他参观了基地"),
    case(UNTERMINATED, "He visited the base", []),
    case(UNTERMINATED, "Note:", [], source="注意。"),
    case(UNTERMINATED, "he stressed that", [], source="他强调。"),  # reported as a dangling end instead
    case(UNTERMINATED, "   ", [], source="好。"),
    case(UNTERMINATED, "Pliki źródłowe... (&u)", [], source="So&urce Files...", lang="pl"),  # accelerator after
    case(
        UNTERMINATED,
        "Otwórz pliki źródłowe (&u)",
        [(13, 21, "Otwórz pliki źródłowe. (&u)")],
        source="Open the so&urce files.",
        lang="pl",
    ),
    case(UNTERMINATED, "Tryb klawiatury (alternatywny)", [], source="Keyboard Mode (alt.)", lang="pl"),
    case(UNTERMINATED, "Tipo de mapa (ruas, etc)", [], source="Map type (street, aerial, etc.)", lang="pt"),
    case(
        UNTERMINATED, "Tipo de mapa das ruas", [(17, 21, "Tipo de mapa das ruas.")], source="Map of streets.", lang="pt"
    ),
    # --- trunc.header-residue -----------------------------------------------------------
    case(HEADER_RESIDUE, " date 2023-04-16 When Xu Qin visited", [(1, 17, " When Xu Qin visited")]),
    case(HEADER_RESIDUE, "Date: 2023-04-16 10:30 Text", [(0, 23, "Text")]),
    case(HEADER_RESIDUE, "日期：2023年4月16日 内容", [(0, 14, "内容")]),
    case(HEADER_RESIDUE, "Source 2023/4/16", [(0, 16, "")]),
    case(HEADER_RESIDUE, "published 2023.04.16T08:15:00   Body", [(0, 32, "Body")]),
    case(HEADER_RESIDUE, "On 2023-04-16 Xu Qin visited", []),
    case(HEADER_RESIDUE, "The date 2023-04-16 was chosen.", []),
    case(HEADER_RESIDUE, "Date: April 16, 2023", []),
    case(HEADER_RESIDUE, "date 2023-04-165 units", []),
    # --- untranslated.cjk ---------------------------------------------------------------
    case(CJK_RESIDUE, "The 国之大者 must be kept in mind.", [(4, 8, None)]),
    case(CJK_RESIDUE, "全民 education day", [(0, 2, None)]),
    case(CJK_RESIDUE, "カタカナ and 한국어", [(0, 4, None), (9, 12, None)]),
    case(CJK_RESIDUE, "The 国之大者 must be kept in mind.", [(4, 8, None)], lang="en-US"),
    case(CJK_RESIDUE, "Punctuation，only", []),
    case(CJK_RESIDUE, "The country's most fundamental interests.", []),
    case(CJK_RESIDUE, "国之大者", [], lang="zh"),
    case(CJK_RESIDUE, "国之大者", [], lang="zh-Hans"),
    case(CJK_RESIDUE, "韓国語", [], lang="ko"),
    # --- number.thousands-separator -------------------------------------------------------
    case(THOUSANDS, "There are 250000 species.", [(10, 16, "There are 250,000 species.")]),
    case(
        THOUSANDS,
        "from 10000 to 1234567 m",
        [(5, 10, "from 10,000 to 1234567 m"), (14, 21, "from 10000 to 1,234,567 m")],
    ),
    case(THOUSANDS, "(40000)", [(1, 6, "(40,000)")]),
    case(THOUSANDS, "40000.", [(0, 5, "40,000.")]),
    case(THOUSANDS, "There are 250,000 species.", []),
    case(THOUSANDS, "It was 2023 and 9999 people came.", []),  # four digits: no separator needed
    case(THOUSANDS, "pi is 3.14159", []),
    case(THOUSANDS, "1.5 or 12345.67", []),
    case(THOUSANDS, "Call No. 12345, ZIP 02139, room 10001", []),
    case(THOUSANDS, "Order #12345 and +8613912345678 and ID12345", []),
    case(THOUSANDS, "at 12:30:45, ratio 10000:1", []),
    case(THOUSANDS, "Il y a 250000 espèces.", [], lang="fr"),
    case(THOUSANDS, "There are 250000 species.", [(10, 16, "There are 250,000 species.")], lang="en-GB"),
    # --- number.missing (spans in the source) and number.extra ------------------------------
    case(NUMBER_MISSING, "Since the 19th CPC National Congress", [(2, 5, None)], source="党的十八大以来"),
    case(NUMBER_MISSING, "Since the 18th CPC National Congress", [], source="党的十八大以来"),
    case(NUMBER_MISSING, "the National Security Education Day", [(0, 2, None)], source="第八个全民国家安全教育日"),
    case(NUMBER_MISSING, "the eighth National Security Education Day", [], source="第八个全民国家安全教育日"),
    case(NUMBER_MISSING, "25,000 species", [], source="2.5万种"),
    case(NUMBER_MISSING, "2,500 species", [(0, 4, None)], source="2.5万种"),
    case(NUMBER_MISSING, "30% of people", [], source="百分之三十的人"),
    case(NUMBER_MISSING, "April 15, 2023", [], source="2023年4月15日"),
    case(NUMBER_MISSING, "In mid-April 2023", [(7, 10, None)], source="2023年4月15日"),
    case(NUMBER_MISSING, "This matters a great deal to a person.", [], source="这对一个人十分重要"),
    case(NUMBER_MISSING, "Since the 19th CPC National Congress", []),  # no source, nothing to compare
    case(NUMBER_EXTRA, "Since the 19th CPC National Congress", [(10, 14, None)], source="党的十八大以来"),
    case(NUMBER_EXTRA, "Since the 18th CPC National Congress in 2012", [], source="党的十八大以来"),
    case(NUMBER_EXTRA, "It took 2 years.", [], source="花了两年时间"),
    case(NUMBER_EXTRA, "All for less than $9 a month.", [(19, 20, None)], source="这个物体"),
    case(NUMBER_EXTRA, "Download the MP3 at https://example.com/2019/", [], source="下载这个文件"),
    case(NUMBER_EXTRA, "They work 24/7", [], source="他们全天候工作"),
    case(NUMBER_EXTRA, "All for less than $9 a month.", []),  # no source
]


@pytest.mark.parametrize(("check", "target", "source", "lang", "expected"), CASES)
def test_check(check: BuiltinCheck, target: str, source: str | None, lang: str | None, expected) -> None:
    assert outcomes(check, target, source, lang) == expected


@pytest.mark.parametrize(
    ("target", "lang", "expected"),
    [
        ("代码（BIC)。", "zh-CN", [(6, 7, "“（” is closed by “)”: the pair is “（…）”")]),
        (
            "ficheiro “%s“ está danificado",
            "pt",
            [(12, 13, "““…“”: the closing mark is written as an opening one (“””)")],
        ),
        ("Symbol „{0}”: Typ", "de", [(11, 12, "“„” is closed by “””: the pair is “„…“”")]),
        # two marks left open are two errors, and so are crossing pairs
        (
            "the “five and the “six areas",
            "en",
            [(4, 5, "Unbalanced ““”: its partner is missing"), (18, 19, "Unbalanced ““”: its partner is missing")],
        ),
        (
            "(a [b) c]",
            "en",
            [(0, 1, "Unbalanced “(”: its partner is missing"), (5, 6, "Unbalanced “)”: its partner is missing")],
        ),
    ],
)
def test_a_pair_written_wrong_is_one_finding(target: str, lang: str, expected) -> None:
    assert [(h.start, h.end, h.message) for h in rule_hits(UNBALANCED, segment(target, tgt_lang=lang))] == expected


def test_unterminated_follows_the_files_style() -> None:
    """A file that leaves a quarter of its sentences or more without a final mark does so by
    style; below that, each sentence without one is reported (once the file has been read)."""

    def file(unmarked: int) -> list[Segment]:
        return [
            Segment(
                f"k{n}",
                f"Die Datei {n} wurde gespeichert" + ("" if n < unmarked else "."),
                Origin("de.po", n + 1),
                source=f"File {n} was saved.",
                src_lang="en",
                tgt_lang="de",
            )
            for n in range(12)
        ]

    checker = Checker([truncation.UNTERMINATED.fresh()])
    segments = file(unmarked=2)
    checker.start_file(segments)
    found = [(f.segment.key, f.start, f.end) for s in segments for f in checker.check_segment(s)]
    assert found == [("k0", 18, 29), ("k1", 18, 29)]
    segments = file(unmarked=3)  # 3 of 12: the team's style
    checker.start_file(segments)
    assert [f for s in segments for f in checker.check_segment(s)] == []
    checker.start_file(file(unmarked=0)[:2] + file(unmarked=2)[:2])  # too few sentences to judge a style
    assert len([f for s in file(unmarked=2)[:2] for f in checker.check_segment(s)]) == 2


def test_untranslated_strings_of_a_program_file_the_team_keeps_in_english() -> None:
    """Eight copies among ten entries of org.gnome.x.gschema.xml: the team keeps settings
    descriptions in English. A copy from another program file is still reported."""
    from mtcheck.model import Meta

    def entry(n: int, text: str, target: str, reference: str) -> Segment:
        meta = Meta(references=(f"{reference}:{n}",))
        return Segment(f"k{n}", target, Origin("he.po", n), source=text, src_lang="en", tgt_lang="he", meta=meta)

    settings = [
        entry(
            n,
            f"Whether to show item number {n} in the list",
            f"Whether to show item number {n} in the list",
            "x.gschema.xml",
        )
        for n in range(8)
    ]
    settings += [entry(n, f"Show the item number {n} here", "הצג את הפריט כאן", "x.gschema.xml") for n in (8, 9)]
    dialog = entry(10, "Open the file in a new window", "Open the file in a new window", "src/window.c")
    checker = Checker([untranslated.IDENTICAL.fresh()])
    checker.start_file([*settings, dialog])
    found = [(f.segment.key, f.start, f.end) for s in [*settings, dialog] for f in checker.check_segment(s)]
    assert found == [("k10", 0, 29)]
    checker.start_file([*settings[:7], dialog])  # seven entries: too few to tell a choice
    assert len([f for s in settings[:7] for f in checker.check_segment(s)]) == 7


@pytest.mark.parametrize("check", BUILTIN_CHECKS, ids=lambda check: check.info.id)
def test_hits_are_on_the_target_and_fixes_have_the_check_safety(check: BuiltinCheck) -> None:
    safety = FIX_SAFETY[check.info.id]
    rows = [param.values for param in CASES if param.values[0] is check]
    for _, target, source, lang, _ in rows:
        for hit in check.hits(segment(target, source, lang)):
            assert hit.side is (Side.SOURCE if check.info.id in SOURCE_SIDE else Side.TARGET)
            if hit.fix is not None or check is not FULLWIDTH:  # 《》 have no ASCII form, so no fix
                assert (hit.fix.safety if hit.fix else None) is safety, (target, hit)


def test_every_builtin_check_has_a_table() -> None:
    tabled = {param.values[0].info.id for param in CASES} | ELSEWHERE
    assert tabled == {check.info.id for check in BUILTIN_CHECKS} == set(FIX_SAFETY)


# --- messages and fix titles ----------------------------------------------------------

MESSAGES = [
    (
        DASH_AS_HYPHEN,
        "to build-our buildings",
        "要建造的——我们的建筑",
        "The source's dash rendered as a hyphen (the next word opens a clause): write a dash (—)",
        "Replace with a dash",
    ),
    (
        DASH_AS_HYPHEN,
        "so important-plants grow",
        "如此重要——植物生长",
        "The source's dash rendered as a hyphen (the source's dash is missing): write a dash (—)",
        "Replace with a dash",
    ),
    (SPACE_BEFORE, "a , b", None, "Space before “,”", "Remove the space before “,”"),
    (SPACE_BEFORE, "why ?", None, "Space before “?”", "Remove the space before “?”"),
    (
        COLLISION,
        "responsibility. , resolutely",
        None,
        "Colliding punctuation “. ,”: a join artifact or a dropped segment",
        "Replace “. ,” with “,”",
    ),
    (
        COLLISION,
        "it is.. It",
        None,
        "Colliding punctuation “..”: a join artifact or a dropped segment",
        "Replace “..” with “.”",
    ),
    (MISSING_SPACE, "second.In the", None, "No space after “.”", "Insert a space after “.”"),
    (MISSING_SPACE, "apples,pears", None, "No space after “,”", "Insert a space after “,”"),
    (DOUBLE_SPACE, "a  b", None, "2 spaces between words", "Replace with one space"),
    (DOUBLE_SPACE, "a    b", None, "4 spaces between words", "Replace with one space"),
    (
        FULLWIDTH,
        "a，b",
        None,
        "Full-width CJK punctuation “，” outside Chinese, Japanese or Korean text",
        "Replace with “,”",
    ),
    (
        FULLWIDTH,
        "a（b",
        None,
        "Full-width CJK punctuation “（” outside Chinese, Japanese or Korean text",
        "Replace with “(”",
    ),
    (FULLWIDTH, "《a", None, "Full-width CJK punctuation “《” outside Chinese, Japanese or Korean text", None),
    (UNBALANCED, "a (b", None, "Unbalanced “(”: its partner is missing", None),
    (UNBALANCED, "a ”b", None, "Unbalanced “””: its partner is missing", None),
    (OPENING_MARK, "Desea salir?", None, "“?” without its opening “¿”", None),
    (
        HALFWIDTH,
        "保存,继续",
        None,
        "Half-width “,” between Chinese or Japanese characters: “，”",
        "Write the full-width “，”",
    ),
    (FULLWIDTH_ALNUM, "第１章", None, "Full-width “１”: digits and Latin letters are written half-width", "Write “1”"),
    (
        SPACE_AROUND,
        "保存 。继续",
        None,
        "Space beside full-width “。”: full-width marks take no space",
        "Remove the space",
    ),
    (
        MIXED_SPACING,
        "用 Git 和GitHub",
        None,
        "No space between CJK and Latin text, unlike the rest",
        "Add a space, as elsewhere in the segment",
    ),
    (DOUBLED_WORD, "The the end", None, "Doubled word “The the”", "Remove the second “the”"),
    (
        DOUBLED_COORDINATION,
        "departments and departments",
        None,
        "“departments and departments” coordinates a word with itself: a collapsed list",
        "Collapse to “departments”",
    ),
    (
        LOWERCASE_AFTER_STOP,
        "national security. team and",
        None,
        "Full stop before lower-case “team”: a sentence cut in two",
        "Join the two halves of the sentence",
    ),
    (
        FRAGMENT,
        "national security. Strong atmosphere.",
        None,
        "“Strong atmosphere.” is a verbless fragment: a sentence broken off its clause",
        None,
    ),
    (
        CAPITALIZED_WORD,
        "multi-dimensional , Publicize",
        None,
        "Capitalised “Publicize” after a comma: the sentence was restarted mid-clause",
        "Lower-case “publicize”",
    ),
    (
        CAPITALIZED_WORD,
        "“five major security” Responsibility",
        None,
        "Capitalised “Responsibility” after a closing quote: the sentence was restarted mid-clause",
        "Lower-case “responsibility”",
    ),
    (
        DANGLING_END,
        "he emphasized that",
        None,
        "The segment stops on “that” with no punctuation: the rest is missing",
        None,
    ),
    (
        UNTERMINATED,
        "He visited the base",
        "他参观了基地。",
        "The source ends a sentence but the target stops without punctuation",
        "Add a full stop",
    ),
    (
        HEADER_RESIDUE,
        " date 2023-04-16 When",
        None,
        "Scraper metadata “date 2023-04-16” left at the start of the text",
        "Delete the metadata",
    ),
    (CJK_RESIDUE, "The 国之大者 must", None, "Untranslated CJK text “国之大者”", None),
    (
        THOUSANDS,
        "about 40000 years",
        None,
        "“40000” has no thousands separators: “40,000”",
        "Write “40,000”",
    ),
    (
        NUMBER_MISSING,
        "Since the 19th CPC National Congress",
        "党的十八大以来",
        "Number 18 (十八大) of the source is missing in the target",
        None,
    ),
    (NUMBER_EXTRA, "Since the 19th CPC National Congress", "党的十八大以来", "Number 19th is not in the source", None),
    (
        LOWERCASE_OUTPUT,
        "the talks resumed on monday. both sides met. talks go on.",
        None,
        "The whole segment is in lower case, sentence starts and names too: the output was lower-cased "
        "(not cut into pieces); restore the capitals",
        None,
    ),
]


#: The target language of a check's message rows, where it is not English.
MESSAGE_LANGUAGE = {"punct.opening-mark": "es", **dict.fromkeys([c.info.id for c in cjk.CHECKS], "zh")}


@pytest.mark.parametrize(
    ("check", "target", "source", "message", "title"), MESSAGES, ids=[f"{m[0].info.id}|{m[1]!r}" for m in MESSAGES]
)
def test_message_and_fix_title(check: BuiltinCheck, target: str, source: str | None, message: str, title) -> None:
    hits = list(check.hits(segment(target, source, MESSAGE_LANGUAGE.get(check.info.id))))
    assert len(hits) == 1
    assert hits[0].message == message
    assert (hits[0].fix.title if hits[0].fix else None) == title


def test_every_builtin_check_has_a_message_row() -> None:
    assert {row[0].info.id for row in MESSAGES} | ELSEWHERE == {check.info.id for check in BUILTIN_CHECKS}


REGISTRY = [
    ("punct.space-before", "fluency/punctuation", Severity.MINOR),
    ("punct.collision", "fluency/punctuation", Severity.MAJOR),
    ("punct.missing-space", "fluency/punctuation", Severity.MINOR),
    ("punct.double-space", "fluency/punctuation", Severity.MINOR),
    ("punct.fullwidth", "fluency/punctuation", Severity.MINOR),
    ("punct.unbalanced", "fluency/punctuation", Severity.MINOR),
    ("punct.opening-mark", "fluency/punctuation", Severity.MINOR),
    ("punct.dash-as-hyphen", "fluency/punctuation", Severity.MINOR),
    ("repeat.word", "fluency/grammar", Severity.MINOR),
    ("repeat.coordination", "accuracy/mistranslation", Severity.MAJOR),
    ("trunc.lowercase-after-stop", "fluency/grammar", Severity.MAJOR),
    ("trunc.fragment", "fluency/grammar", Severity.MAJOR),
    ("trunc.capitalized-word", "fluency/grammar", Severity.MAJOR),
    ("trunc.dangling-end", "accuracy/omission", Severity.MAJOR),
    ("trunc.unterminated", "accuracy/omission", Severity.MINOR),
    ("trunc.header-residue", "accuracy/addition", Severity.MAJOR),
    ("case.lowercase-output", "fluency/spelling", Severity.MINOR),
    ("untranslated.cjk", "accuracy/untranslated", Severity.MAJOR),
    ("cjk.halfwidth-punct", "fluency/punctuation", Severity.MINOR),
    ("cjk.fullwidth-alnum", "locale/convention", Severity.MINOR),
    ("cjk.space-around-punct", "fluency/punctuation", Severity.MINOR),
    ("cjk.mixed-spacing", "locale/convention", Severity.MINOR),
    ("number.thousands-separator", "locale/number-format", Severity.MINOR),
    ("untranslated.identical", "accuracy/untranslated", Severity.MAJOR),
    ("untranslated.source-script", "accuracy/untranslated", Severity.MAJOR),
    ("placeholder.missing", "accuracy/omission", Severity.MAJOR),
    ("placeholder.extra", "accuracy/addition", Severity.MINOR),
    ("placeholder.order", "accuracy/mistranslation", Severity.MAJOR),
    ("placeholder.branches", "accuracy/mistranslation", Severity.MAJOR),
    ("plural.forms", "locale/convention", Severity.MAJOR),
    ("plural.empty-form", "accuracy/untranslated", Severity.MAJOR),
    ("unit.duplicate-id", "design/markup", Severity.MINOR),
    ("accelerator.missing", "locale/convention", Severity.MINOR),
    ("accelerator.multiple", "locale/convention", Severity.MINOR),
    ("whitespace.newline", "locale/convention", Severity.MAJOR),
    ("whitespace.leading", "locale/convention", Severity.MINOR),
    ("whitespace.trailing", "locale/convention", Severity.MINOR),
    ("length.limit", "locale/convention", Severity.MAJOR),
    ("length.ratio", "accuracy/omission", Severity.MINOR),
    ("length.sentences", "accuracy/omission", Severity.MINOR),
    ("consistency.source", "terminology/inconsistent", Severity.MINOR),
    ("consistency.target", "accuracy/mistranslation", Severity.MINOR),
    ("number.missing", "accuracy/mistranslation", Severity.MAJOR),
    ("number.extra", "accuracy/mistranslation", Severity.MAJOR),
    ("keywords.semicolon", "locale/convention", Severity.MAJOR),
]


def test_registry_order_categories_and_severities() -> None:
    assert [(c.info.id, c.info.category, c.info.severity) for c in BUILTIN_CHECKS] == REGISTRY
    assert [c.info.id for c in BUILTIN_CHECKS if c.info.needs_source] == [
        "punct.dash-as-hyphen",
        "trunc.unterminated",
        "untranslated.identical",
        "untranslated.source-script",
        "placeholder.missing",
        "placeholder.extra",
        "placeholder.order",
        "placeholder.branches",
        "plural.forms",
        "plural.empty-form",
        "accelerator.missing",
        "accelerator.multiple",
        "whitespace.newline",
        "whitespace.leading",
        "whitespace.trailing",
        "length.ratio",
        "length.sentences",
        "consistency.source",
        "consistency.target",
        "number.missing",
        "number.extra",
        "keywords.semicolon",
    ]


# --- the seed file, through the engine ----------------------------------------------------

SEED_FINDINGS = [
    (1, "trunc.header-residue", 1, 17, "date 2023-04-16 "),
    (1, "trunc.dangling-end", 150, 154, "that"),
    (3, "trunc.capitalized-word", 970, 984, "Responsibility"),
    (5, "repeat.coordination", 782, 809, "departments and departments"),
    (5, "punct.collision", 1115, 1118, ". ,"),
    (5, "trunc.fragment", 2333, 2351, "Strong atmosphere."),
    (5, "trunc.lowercase-after-stop", 2764, 2770, ". team"),
    (7, "punct.space-before", 743, 745, " ,"),
    (7, "trunc.capitalized-word", 746, 755, "Publicize"),
]


def test_seed_file_gets_exactly_its_seeded_failures() -> None:
    """Every MT failure planted in the seed is found, and nothing else in 3 long paragraphs."""
    checker = Checker(BUILTIN_CHECKS)
    found = []
    for number, line in enumerate(SEED.read_text(encoding="utf-8").split("\n"), start=1):
        seg = Segment(key=f"seed:{number}", target=line, origin=Origin("seed", number), tgt_lang="en")
        found += [(number, f.rule, f.start, f.end, f.text) for f in checker.check_segment(seg)]
    assert found == SEED_FINDINGS
    assert checker.problems == []


# --- the engine's precondition and gating -------------------------------------------------


def check_all(target: str, tgt_lang: str | None = None, source: str | None = None) -> list[tuple[str, int, int]]:
    findings = Checker(BUILTIN_CHECKS).check_segment(segment(target, source, tgt_lang))
    return [(f.rule, f.start, f.end) for f in findings]


@pytest.mark.parametrize(
    ("target", "source", "lang"),
    [
        ("Fees, taxes, etc. to close the gap.", None, None),
        ("Born in the U.S. he moved to Paris.", None, None),
        ("Wait... what?", None, None),
        ("Wait ... what?", None, None),
        ("It got faster and faster.", None, None),
        ("Again and again, more and more people came.", None, None),
        ("She had had enough.", None, None),
        ("He said that that was fine.", None, None),
        ("Tian Tian spreads the pollen.", None, None),
        ("Thank you. Thank you all.", None, None),
        ("Party committees (party groups) at all levels.", None, None),
        ("Steps: 1) plan, 2) act.", None, None),
        ("It costs 3,500 yuan.", None, None),
        ("Visit www.Example.com today.", None, None),
        ("He visited the base.", "他参观了基地。", "en"),
        ("Qu'est-ce que c'est ; voilà !", None, "fr"),
        ("你好，世界。", None, "zh"),
        ("他参观了基地。", "He visited the base.", "zh"),
    ],
)
def test_clean_text_gets_no_finding_from_any_check(target: str, source: str | None, lang: str | None) -> None:
    assert check_all(target, tgt_lang=lang, source=source) == []


def test_mostly_cjk_target_only_gets_untranslated_findings() -> None:
    # Alone, the Latin tail would be flagged by punct.space-before, punct.collision and repeat.word.
    tail = " the the , end,, more"
    assert [rule for rule, _, _ in check_all("Latin words" + tail)] == [
        "repeat.word",
        "punct.space-before",
        "punct.collision",
    ]
    assert check_all("国家安全教育日活动在全省各地展开" + tail) == [("untranslated.cjk", 0, 16)]
    assert check_all("你好，世界。") == [("untranslated.cjk", 0, 2), ("untranslated.cjk", 3, 5)]


def test_mostly_cjk_target_in_a_cjk_language_gets_nothing() -> None:
    assert check_all("国家安全教育日活动 ,, the the", tgt_lang="zh") == []


def test_half_cjk_target_gets_every_check() -> None:
    """As many Latin letters as CJK ones: not 'mostly CJK', so punctuation checks run too."""
    assert check_all("国家 a，b") == [("untranslated.cjk", 0, 2), ("punct.fullwidth", 4, 5)]


def test_engine_sorts_findings_by_position_then_registry_order() -> None:
    target = " date 2023-04-16 When Xu Qin visited the exhibition , he emphasized that"
    assert check_all(target) == [
        ("trunc.header-residue", 1, 17),
        ("punct.space-before", 51, 53),
        ("trunc.dangling-end", 68, 72),
    ]


def test_blank_target_gets_nothing() -> None:
    assert check_all(" \t ", source="他参观了基地。") == []


@pytest.mark.parametrize("target", ["departments\tand\tdepartments", "departments\u00a0and departments"])
def test_engine_runs_coordination_whatever_the_blanks(target: str) -> None:
    assert outcomes(DOUBLED_COORDINATION, target) == [(0, 27, "departments")]
    assert check_all(target) == [("repeat.coordination", 0, 27)]


# --- properties -------------------------------------------------------------------------------

TOKENS = [
    *("the", "The", "a", "and", "or", "that", "departments", "team", "Strong", "atmosphere", "In"),
    *("Publicize", "etc", "U.S", "date", "2023-04-16", "3", "it", "国家", "ok"),
    *(" ", " ", " ", "  ", "\t", "\u00a0"),
    *(",", ".", ";", ":", "?", "!", "...", '"', "“", "”", "(", ")", "[", "]"),
    *("，", "。", "：", "（", "）", "、", "【", "《"),
]
TEXTS = st.lists(st.sampled_from(TOKENS), max_size=16).map("".join) | st.text(max_size=40)
SOURCES = st.none() | st.sampled_from(["他参观了基地。", "他强调，", "Done!", "x", "党的十八大以来", "有2.5万种"])
LANGS = st.sampled_from([None, "en", "fr", "zh", "ja-JP"])


def safe_fix(text: str, checker: Checker) -> str:
    """Apply every SAFE fix of one pass, leftmost first, dropping overlapping ones."""
    findings = checker.check_segment(segment(text))
    edits = [edit for f in findings if f.fix and f.fix.safety is Safety.SAFE for edit in f.fix.edits]
    return apply_edits(text, non_overlapping(edits))


@settings(max_examples=200, deadline=None)
@given(TEXTS, SOURCES, LANGS)
def test_spans_and_fixes_stay_inside_the_target(target: str, source: str | None, lang: str | None) -> None:
    for check in BUILTIN_CHECKS:
        for hit in check.hits(segment(target, source, lang)):
            body = target if hit.side is Side.TARGET else source or ""
            assert 0 <= hit.start < hit.end <= len(body), (check.info.id, hit)
            for edit in hit.fix.edits if hit.fix else ():
                assert hit.start <= edit.start <= edit.end <= hit.end, (check.info.id, hit)


@pytest.mark.parametrize("check", BUILTIN_CHECKS, ids=lambda c: c.info.id)
@settings(max_examples=100, deadline=None)
@given(TEXTS)
@example(text=",,,")
@example(text="a a a")
@example(text="aaa or aaa or aaa")
@example(text="departments and departments and departments")
@example(text="... ,the")
def test_safe_fixes_of_one_check_are_idempotent(check: BuiltinCheck, text: str) -> None:
    """fix(fix(x)) == fix(x): one pass of a check's safe fixes leaves nothing for a second pass."""
    checker = Checker([check])
    once = safe_fix(text, checker)
    assert safe_fix(once, checker) == once


@settings(max_examples=200, deadline=None)
@given(TEXTS)
@example("a  a")
@example("the the the the")
@example("a，，，b")
def test_safe_fixes_reach_a_fixed_point_with_no_safe_finding_left(text: str) -> None:
    """Repeating the passes terminates (each pass must make progress), and the result is clean."""
    checker = Checker(BUILTIN_CHECKS)
    current = text
    for _ in range(len(text) + 1):
        fixed = safe_fix(current, checker)
        if fixed == current:
            break
        current = fixed
    else:
        pytest.fail(f"{text!r}: safe fixes still change the text after {len(text) + 1} passes")
    left = [f.rule for f in checker.check_segment(segment(current)) if f.fix and f.fix.safety is Safety.SAFE]
    assert left == []


LITERAL_TEXTS = st.lists(
    st.sampled_from(["departments", "Departments", "and", "AND", "or", " ", "\t", "\u00a0", "\u2003", "x"]), max_size=8
).map("".join)


@settings(max_examples=200, deadline=None)
@given(LITERAL_TEXTS)
@example("departments\tand\tdepartments")
def test_literal_gates_of_builtin_checks_are_sound(text: str) -> None:
    """Whenever a gated check hits, one of its literals occurs in the lower-cased text."""
    for check in BUILTIN_CHECKS:
        if check.literals and list(check.hits(segment(text))):
            assert any(literal in text.lower() for literal in check.literals), (check.info.id, text)
