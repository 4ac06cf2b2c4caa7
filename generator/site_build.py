"""`portal build`: catalogue -> Markdown trees -> one MkDocs build per language -> site/.

The build runs in temporary folders and replaces site/ only when every language built:
a data or MkDocs error leaves the previous site/ exactly as it was.
"""
from __future__ import annotations

import calendar
import html
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import yaml

from .catalogue import Catalogue, load_catalogue
from .checks.quality import translation_coverage
from .diagnostics import print_diagnostics
from .model import Settings
from .render.feed import FEED_TITLE
from .render.i18n import t, text
from .render.tree import nav, render_language
from .search_dictionary import user_dictionary

LANGUAGE_NAMES = {"zh": "简体中文", "en": "English"}
MATERIAL_LANGUAGE = {"zh": "zh", "en": "en"}
OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}


def write_tree(folder: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in sorted(files.items()):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")


def language_config(cat: Catalogue, root: Path, work: Path, lang: str, separator: str) -> dict:
    settings = cat.settings
    prefix = "" if lang == settings.default_language else f"{lang}/"
    # Links relative to this language's root, so the site works under any base path.
    up = "" if lang == settings.default_language else "../"
    alternate = [{"name": LANGUAGE_NAMES[l], "lang": l,
                  "link": up + ("" if l == settings.default_language else f"{l}/")} for l in settings.languages]
    data_as_of = f"{t('data_as_of', lang)} {settings.data_as_of.isoformat()} · {t('built', lang)} {settings.build_date.isoformat()}"
    return {
        "INHERIT": str((root / "mkdocs.yml").resolve()),
        "site_name": html.escape(text(settings.title, lang)),  # Material prints it unescaped
        # Validated strictly already; quoted anyway, as Material prints it unescaped in every page head.
        "site_url": quote(settings.site_url.rstrip("/") + "/" + prefix, safe=":/%"),
        "docs_dir": str(work / "docs"),
        "site_dir": str(work / "site"),
        "nav": nav(cat, lang),
        "copyright": data_as_of,
        "theme": {"name": "material", "language": MATERIAL_LANGUAGE[lang],
                  "custom_dir": str(Path(__file__).parent / "theme")},
        "plugins": [{"search": {
            # lunr.zh needs Node's jieba; segmentation happens at build time instead, so the
            # browser side only splits on the separator.
            "lang": ["en"],
            "separator": separator,
            "jieba_dict_user": str(work / "userdict.txt"),
        }}],
        # Material prints site_description unescaped (the fallback meta description of every page).
        "site_description": html.escape(text(settings.tagline or settings.title, lang), quote=True),
        "extra": {"alternate": alternate, "notice": text(settings.notice, lang) if settings.notice else "",
                  "generator": False,  # no "Made with Material" footer
                  **discovery_extra(settings, lang)},
    }


def discovery_extra(settings: Settings, lang: str) -> dict:
    """Values the theme prints in every page head (theme/main.html, sitemap.xml): hreflang roots,
    Open Graph locale and the feed's title. Escaped here, as the templates print them as given."""
    def root(l: str) -> str:
        prefix = "" if l == settings.default_language else f"{l}/"
        return html.escape(quote(settings.site_url.rstrip("/") + "/" + prefix, safe=":/%"), quote=True)
    hreflang = [{"lang": l, "root": root(l)} for l in settings.languages]
    hreflang.append({"lang": "x-default", "root": root(settings.default_language)})
    return {"hreflang": hreflang, "og_locale": OG_LOCALE[lang],
            "og_locale_alternates": [OG_LOCALE[l] for l in settings.languages if l != lang],
            "feed_title": html.escape(f"{text(settings.title, lang)} · {FEED_TITLE[0] if lang == 'zh' else FEED_TITLE[1]}", quote=True)}


def _base_separator(root: Path) -> str:
    base = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in base.get("plugins", []):
        if isinstance(plugin, dict) and "search" in plugin:
            return plugin["search"]["separator"]
    raise ValueError("mkdocs.yml: the search plugin needs a separator")


def _mkdocs(config: Path, epoch: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)],
                          env=env, capture_output=True, text=True)


def prepare_language(cat: Catalogue, root: Path, work: Path, lang: str, separator: str) -> Path:
    write_tree(work / "docs", render_language(cat, lang))
    (work / "userdict.txt").write_text(user_dictionary(cat), encoding="utf-8")
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(language_config(cat, root, work, lang, separator), allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return config


def build_site(root: Path, out: Path | None = None, *, strict: bool = False,
               languages: list[str] | None = None) -> int:
    """Build every language (or only `languages`, keeping the others from the current site)."""
    root = root.resolve()
    out = (out or root / "site").resolve()
    cat, diagnostics = load_catalogue(root)
    # Print first, whatever the outcome: the clerk must see why a build stopped (exactly what
    # `portal validate` prints), not only that it did.
    stopped = print_diagnostics(diagnostics, strict) != 0
    if cat is None or stopped:
        print(f"build stopped: {out} left unchanged", file=sys.stderr)
        return 1
    try:
        separator = _base_separator(root)  # read once: every language's config uses it
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError, ValueError) as exc:
        print(f"mkdocs.yml: error: the shared MkDocs base cannot be read ({type(exc).__name__}: {exc})\n"
              f"    hint:     restore it from the repository (it needs the search plugin with a separator)\n"
              f"build stopped: {out} left unchanged", file=sys.stderr)
        return 1
    done, total = translation_coverage(cat)
    print(f"English translation coverage {done}/{total} ({100 * done / max(total, 1):.1f}%)", file=sys.stderr)
    epoch = calendar.timegm(cat.settings.build_date.timetuple())
    out.parent.mkdir(parents=True, exist_ok=True)
    chosen = [l for l in cat.settings.languages if languages is None or l in languages]
    if not out.exists():
        chosen = list(cat.settings.languages)
    with tempfile.TemporaryDirectory(prefix="portal-src-") as src:
        work = {lang: Path(src) / lang for lang in chosen}
        configs = {lang: prepare_language(cat, root, work[lang], lang, separator) for lang in chosen}
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = dict(zip(configs, pool.map(lambda c: _mkdocs(c, epoch), configs.values()), strict=False))
        failed = {lang: r for lang, r in results.items() if r.returncode != 0}
        if failed:
            for lang, r in failed.items():
                print(f"MkDocs build of the {lang} site failed:\n{r.stdout}{r.stderr}", file=sys.stderr)
            print(f"build stopped: {out} left unchanged", file=sys.stderr)
            return 1
        staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=out.parent))
        try:
            _assemble(staging, out, work, cat.settings.default_language, list(cat.settings.languages))
            _swap(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    print(f"built {', '.join(chosen)} into {out}", file=sys.stderr)
    return 0


def _assemble(staging: Path, out: Path, work: dict[str, Path], default: str, languages: list[str]) -> None:
    """Default language at the root, others under /<lang>/; languages not rebuilt come from `out`."""
    others = [l for l in languages if l != default]
    if default in work:
        shutil.copytree(work[default] / "site", staging, dirs_exist_ok=True)
    else:
        shutil.copytree(out, staging, dirs_exist_ok=True,
                        ignore=lambda folder, names: [n for n in names if Path(folder) == out and n in others])
    for lang in others:
        source = work[lang] / "site" if lang in work else out / lang
        shutil.copytree(source, staging / lang)


def _swap(staging: Path, out: Path) -> None:
    """Replace out with staging: two renames, so readers never see a half-written site."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=out.parent))
        os.rmdir(old)
        os.rename(out, old)
    os.rename(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

