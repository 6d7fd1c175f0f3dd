"""Which public projects make up the localization corpus, which of their files, and which split.

Every project is a public repository of real, human (community or professional) translations.
The split is by project: a project is wholly in `dev` (read, tuned on) or in `heldout` (never
read or tuned on; the lead checks generalisation on it). `group` names a project spread over
several repositories (OmegaT's localization team keeps one repository per language).

`include` is a regular expression on the path inside the repository; `langs` the report
languages taken (`CORE` or `CORE + EXTRA`); `cap` the most files per language (the largest are
taken); `lang` fixes the target language where neither file nor path says it.
"""

from __future__ import annotations

from dataclasses import dataclass

CORE = ("de", "fr", "es", "it", "pt", "pt-BR", "ru", "pl", "ja", "zh-CN", "zh-TW", "ko", "ar", "he")
EXTRA = ("nl", "sv", "tr", "uk", "cs", "el", "fi", "vi", "th", "hi", "fa", "ca", "hu", "id", "ro", "da")


@dataclass(frozen=True, slots=True)
class Project:
    repo: str
    split: str
    include: str
    langs: tuple[str, ...] = CORE
    cap: int = 1
    exclude: str | None = None
    lang: str | None = None
    group: str | None = None
    licence: str | None = None
    note: str = ""

    @property
    def name(self) -> str:
        return self.group or self.repo


DEV, HELDOUT = "dev", "heldout"

PROJECTS: tuple[Project, ...] = (
    # ---- gettext PO: GNU/GNOME/Xfce/MATE desktop software, command-line tools, web apps
    Project("git/git", DEV, r"^po/[^/]+\.po$", ("de", "fr", "ko", "zh-CN"), licence="GPL-2.0"),
    Project("git/git", DEV, r"^(gitk-git|git-gui)/po/[^/]+\.po$", (*CORE, "sv"), cap=2, licence="GPL-2.0"),
    Project("GNOME/gnome-calculator", DEV, r"^po/[^/]+\.po$", licence="GPL-3.0-or-later"),
    Project("GNOME/gnome-maps", DEV, r"^po/[^/]+\.po$", licence="GPL-2.0-or-later"),
    Project("GNOME/evince", DEV, r"^po/[^/]+\.po$", licence="GPL-2.0-or-later"),
    Project("wagtail/wagtail", DEV, r"/locale/[^/]+/LC_MESSAGES/django\.po$", cap=2, licence="BSD-3-Clause"),
    Project("encode/django-rest-framework", DEV, r"/locale/[^/]+/LC_MESSAGES/django\.po$", licence="BSD-3-Clause"),
    Project("sphinx-doc/sphinx", DEV, r"^sphinx/locale/[^/]+/LC_MESSAGES/sphinx\.po$", licence="BSD-2-Clause"),
    Project("util-linux/util-linux", DEV, r"^po/[^/]+\.po$", ("fr", "ja", "zh-TW"), licence="GPL-2.0-or-later"),
    Project("bminor/bash", DEV, r"^po/[^/]+\.po$", licence="GPL-3.0-or-later"),
    Project(
        "xfce-mirror/thunar",
        DEV,
        r"^po/[^/]+\.po$",
        ("de", "fr", "es", "it", "pl", "ru", "ja"),
        licence="GPL-2.0-or-later",
    ),
    Project("flatpak/flatpak", DEV, r"^po/[^/]+\.po$", licence="LGPL-2.1-or-later"),
    Project("mate-desktop/caja", DEV, r"^po/[^/]+\.po$", ("ar", "he", "ja", "ko", "zh-TW"), licence="GPL-2.0-or-later"),
    Project("audacity/audacity", DEV, r"^locale/[^/]+\.po$", licence="GPL-2.0-or-later"),
    Project("vslavik/poedit", DEV, r"^locales/[^/]+\.po$", licence="MIT"),
    Project("OCA/web", DEV, r"^[^/]+/i18n/[^/]+\.po$", cap=4, licence="AGPL-3.0"),
    # ---- XLIFF 1.2: Symfony/Angular/.NET/Mozilla/Neos; XLIFF 2.0 (Symfony, keys as source); SAP segmented
    Project("kimai/kimai", DEV, r"^translations/[^/]+\.xlf$", cap=3, licence="AGPL-3.0"),
    Project(
        "ORCID/orcid-angular",
        DEV,
        r"^src/locale/messages\.[^/]+\.xlf$",
        ("ar", "ja", "ko", "zh-TW", "ru"),
        licence="MIT",
    ),
    Project("ghostfolio/ghostfolio", DEV, r"^apps/client/src/locales/messages\.[^/]+\.xlf$", licence="AGPL-3.0"),
    Project("mozilla-l10n/mozilla-vpn-client-l10n", DEV, r"\.xliff$", cap=3, licence="MPL-2.0"),
    Project("dotnet/msbuild", DEV, r"/xlf/[^/]+\.xlf$", cap=2, licence="MIT", note="Microsoft localization"),
    Project("dotnet/templating", DEV, r"/xlf/[^/]+\.xlf$", cap=3, licence="MIT", note="Microsoft localization"),
    Project("neos/neos-development-collection", DEV, r"/Translations/[^/]+/[^/]+\.xlf$", cap=3, licence="GPL-3.0"),
    Project("bolt/core", DEV, r"^translations/[^/]+\.xlf$", cap=3, licence="MIT", note="XLIFF 2.0, keys as source"),
    Project(
        "SAP/software-documentation-data-set-for-machine-translation",
        DEV,
        r"^software_documentation/dev_data/en(ja|ko|zh|zf)/documents/\d+\.xlf$",
        cap=15,
        licence="CC-BY-NC-4.0",
        note="segmented XLIFF 1.2 (seg-source, mrk), professional",
    ),
    # ---- TMX: OmegaT's own localization (TMX 1.1 with lang=), QGIS docs in Japanese
    *(
        Project(f"OmegaT-L10N/{code}", DEV, path, lang=lang, group="OmegaT-L10N", licence="GPL-3.0")
        for code, lang, path in (
            ("zh_CN", "zh-CN", r"^omegat/project_save\.tmx$"),
            ("ru", "ru", r"^omegat/project_save\.tmx$"),
            ("pl", "pl", r"^omegat/project_save\.tmx$"),
            ("es", "es", r"^omegat/project_save\.tmx$"),
            ("fr", "fr", r"^tm/auto/project_save\.tmx$"),
            ("ja", "ja", r"^tm/auto/website\.tmx$"),
            ("ar", "ar", r"^tm/3\.1_aligned\.tmx$"),
        )
    ),
    Project(
        "OSGeo-jp/qgis_trans_ja",
        DEV,
        r"^(omegat/project_save\.tmx|tm/for_use_qgis-documentation_docs--user_manual--introduction--[a-z_]+_ja\.tmx)$",
        lang="ja",
        cap=3,
    ),
    # ================================================================ held out
    Project("GNOME/nautilus", HELDOUT, r"^po/[^/]+\.po$", CORE + EXTRA, licence="GPL-3.0-or-later"),
    Project("transmission/transmission", HELDOUT, r"^po/[^/]+\.po$", licence="GPL-2.0-or-later"),
    Project("pennersr/django-allauth", HELDOUT, r"^allauth/locale/[^/]+/LC_MESSAGES/django\.po$", licence="MIT"),
    Project("geany/geany", HELDOUT, r"^po/[^/]+\.po$", licence="GPL-2.0-or-later"),
    Project(
        "symfony/symfony",
        HELDOUT,
        r"^src/Symfony/Component/[^/]+/Resources/translations/[^/]+\.xlf$",
        cap=3,
        licence="MIT",
    ),
    Project("mozilla-l10n/focusios-l10n", HELDOUT, r"^[^/]+/focus-ios\.xliff$", CORE + EXTRA, licence="MPL-2.0"),
    Project("microsoft/vstest", HELDOUT, r"/xlf/[^/]+\.xlf$", cap=3, licence="MIT", note="Microsoft localization"),
    Project("sonata-project/SonataAdminBundle", HELDOUT, r"^src/Resources/translations/[^/]+\.xliff$", licence="MIT"),
    Project("osmbe/osm-welcome-tool", HELDOUT, r"^translations/[^/]+\.xlf$", cap=2, licence="GPL-3.0"),
    Project(
        "LibreOffice/LOGuidesBR",
        HELDOUT,
        r"^tm/(cui|sfx2|svx|writer|calc|officecfg|vcl|dbaccess|chart|draw|framework|basctl|extensions)-weblate-memory\.tmx$",
        lang="pt-BR",
        cap=13,
        note="LibreOffice UI translation memories exported from Weblate",
    ),
    Project("Nextjs-ja-translation/nextjs-docs-ja-omegat", HELDOUT, r"^omegat/project_save\.tmx$", lang="ja"),
    Project("DlangRen/Programming-in-D-OmegaT", HELDOUT, r"^omegat/project_save\.tmx$", lang="zh-CN"),
)
