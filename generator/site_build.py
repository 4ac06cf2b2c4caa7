"""`portal build`: catalogue -> Markdown trees -> one MkDocs build per language -> site/.

The build runs in temporary folders and replaces site/ only when every language built:
a data or MkDocs error leaves the previous site/ exactly as it was.
"""
from __future__ import annotations

import calendar
import gc
import html
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

from .catalogue import Catalogue, load_catalogue
from .checks.quality import translation_coverage
from .diagnostics import print_diagnostics
from .incremental import BUILD_DIR, LanguageCache, Sync, fingerprint, locked
from .model import Settings
from .parse_ahead import ReadCache
from .records import cycle_collector_paused
from .render.feed import FEED_TITLE
from .render.i18n import t, text, theme_strings
from .render.tree import language_files, nav

LANGUAGE_NAMES = {"zh": "简体中文", "en": "English"}
MATERIAL_LANGUAGE = {"zh": "zh", "en": "en"}
OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}


def write_tree(folder: Path, files: Iterable[tuple[str, str | bytes]]) -> None:
    for rel, content in files:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")


def language_config(cat: Catalogue, root: Path, work: Path, lang: str) -> dict:
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
        # No MkDocs plugins: the portal's own search (generator/search/, client/search-*.js) replaces
        # Material's, and MkDocs would add its search plugin to a config that names none.
        "plugins": [],
        # Material prints site_description unescaped (the fallback meta description of every page).
        "site_description": html.escape(text(settings.tagline or settings.title, lang), quote=True),
        "extra": {"alternate": alternate, "notice": text(settings.notice, lang) if settings.notice else "",
                  "generator": False,  # no "Made with Material" footer
                  "ui": theme_strings(lang),  # the theme's own strings (theme/404.html)
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


def _mkdocs(config: Path, epoch: int, dirty: bool = False) -> subprocess.CompletedProcess[str]:
    """MkDocs in a subprocess (both languages run in parallel); generator/mkdocs_run.py says what it adds."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "generator.mkdocs_run", str(config)] + (["--dirty"] if dirty else [])
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=Path(__file__).parent.parent)


def prepare_language(cat: Catalogue, root: Path, work: Path, lang: str,
                     cache: LanguageCache | None = None, epoch: int = 0,
                     base_text: bytes = b"") -> tuple[Path, Sync | None]:
    """Write the language's Markdown tree and MkDocs config; with a cache, only what changed.
    Each file is written as it is rendered: the language's pages are never all in memory."""
    files = language_files(cat, lang)
    work.mkdir(parents=True, exist_ok=True)
    config_text = yaml.safe_dump(language_config(cat, root, work, lang), allow_unicode=True, sort_keys=False)
    config = work / "mkdocs.yml"
    config.write_text(config_text, encoding="utf-8")
    if cache is None:
        write_tree(work / "docs", files)
        return config, None
    return config, cache.sync(files, fingerprint(config_text, base_text, epoch))


def build_site(root: Path, out: Path | None = None, *, strict: bool = False,
               languages: list[str] | None = None, incremental: bool = False, timings: bool = False,
               read_cache: ReadCache | None = None) -> int:
    """Build every language (or only `languages`, keeping the others from the current site).

    `incremental`: keep each language's Markdown tree and HTML in <root>/.build/ and re-render only
    the pages whose Markdown changed (generator/incremental.py); the site is the same as a full build's.
    `timings`: say how long each step took (wall seconds), for finding where a large portal's time goes.
    `read_cache`: kept between builds by a long-running process (portal serve): unchanged files are not read again.
    """
    root = root.resolve()
    out = (out or root / "site").resolve()
    clock = _Clock(timings)
    cat, diagnostics = load_catalogue(root, read_cache=read_cache)
    # Print first, whatever the outcome: the clerk must see why a build stopped (exactly what
    # `portal validate` prints), not only that it did.
    stopped = print_diagnostics(diagnostics, strict) != 0
    clock.lap("load and check the data")
    if cat is None or stopped:
        print(f"build stopped: {out} left unchanged", file=sys.stderr)
        return 1
    try:
        base_text = (root / "mkdocs.yml").read_bytes()  # read once: every language's config uses it
        base = yaml.safe_load(base_text)
        use_directory_urls = bool(base.get("use_directory_urls", True))
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError, ValueError) as exc:
        print(f"mkdocs.yml: error: the shared MkDocs base cannot be read ({type(exc).__name__}: {exc})\n"
              f"    hint:     restore it from the repository (it must be a YAML mapping)\n"
              f"build stopped: {out} left unchanged", file=sys.stderr)
        return 1
    done, total = translation_coverage(cat)
    print(f"English translation coverage {done}/{total} ({100 * done / max(total, 1):.1f}%)", file=sys.stderr)
    epoch = calendar.timegm(cat.settings.build_date.timetuple())
    out.parent.mkdir(parents=True, exist_ok=True)
    chosen = [l for l in cat.settings.languages if languages is None or l in languages]
    if not out.exists():
        chosen = list(cat.settings.languages)
    if incremental:
        with locked(root / BUILD_DIR):
            caches = {lang: LanguageCache(root / BUILD_DIR / lang, use_directory_urls) for lang in chosen}
            return _build(cat, root, out, epoch, {lang: c.work for lang, c in caches.items()}, caches,
                          base_text, clock)
    # Next to `out`: each language's site is then moved into the new site/, not copied or linked file by file.
    with tempfile.TemporaryDirectory(prefix=".site-work-", dir=out.parent) as src:
        status = _build(cat, root, out, epoch, {lang: Path(src) / lang for lang in chosen}, {}, base_text, clock)
    clock.lap("remove the work files")
    return status


class _Clock:
    """Wall time per build step, printed as `time <step> <seconds>` lines when asked for."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.start = enabled, time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.say(step, now - self.start)
        self.start = now

    def say(self, step: str, seconds: float) -> None:
        if self.enabled:
            print(f"time {step}: {seconds:.1f} s", file=sys.stderr)


@dataclass
class _Job:
    """What every language's worker needs; workers are forked, so it is inherited, never pickled."""

    cat: Catalogue
    root: Path
    epoch: int
    work: dict[str, Path]
    caches: dict[str, LanguageCache]
    base_text: bytes


_JOB: _Job | None = None


def _prepare_language(lang: str) -> tuple[Path, bool, str, tuple | None, float]:
    """Render and write one language's Markdown tree (in a worker); returns its MkDocs config, whether
    MkDocs may build dirty, a message, the cache's pending state and the seconds it took."""
    job = _JOB
    assert job is not None
    start = time.perf_counter()
    cache = job.caches.get(lang)
    # Rendering allocates millions of short-lived strings and lists but makes next to no cycles: the
    # cycle collector's passes over what a language has built so far cost ~10 % of rendering a
    # national portal and free nothing (reference counting frees the rest as usual).
    with cycle_collector_paused():
        config, sync = prepare_language(job.cat, job.root, job.work[lang], lang, cache, job.epoch, job.base_text)
    message = ""
    if sync is not None:
        what = f"full build ({sync.reason})" if sync.full else \
            f"{len(sync.written)} files changed, {len(sync.removed)} removed, {len(sync.forced)} pages relinked"
        message = f"incremental {lang}: {what}"
    return (config, sync is not None and not sync.full, message, cache.pending() if cache is not None else None,
            time.perf_counter() - start)


def _build(cat: Catalogue, root: Path, out: Path, epoch: int,
           work: dict[str, Path], caches: dict[str, LanguageCache], base_text: bytes, clock: _Clock) -> int:
    global _JOB
    # One forked worker per language renders and writes its Markdown tree, so both cores render (fork
    # shares the loaded catalogue); as soon as a language's tree is written, its worker exits and its
    # MkDocs build starts (the other language may still be rendering): a language's rendered pages
    # and its MkDocs build are never in memory at the same time, and no core waits for the slower
    # language's rendering (Chinese: word segmentation for search) before building the other.
    _JOB = _Job(cat, root, epoch, work, caches, base_text)
    # The catalogue lives as long as the build: out of the cycle collector's way, each worker's
    # collections walk only what it allocates (not the ~400k objects of a provincial catalogue
    # again), and the workers' copies of its pages stay shared. Undone after: builds may run in a
    # longer-lived process (portal serve, tests).
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()

    def finish(lang: str, prepared: tuple[Path, bool, str, tuple | None, float]) -> subprocess.CompletedProcess[str]:
        config, dirty, message, pending, seconds = prepared
        if message:
            print(message, file=sys.stderr)
        if pending is not None:
            caches[lang].adopt(pending)
        clock.say(f"render and write {lang}", seconds)
        start = time.perf_counter()
        result = _mkdocs(config, epoch, dirty)
        clock.say(f"MkDocs {lang}", time.perf_counter() - start)
        if caches and result.returncode == 0:
            caches[lang].note_output()  # assembly links these files; it changes no size or time
        if not caches:  # a temporary tree: gone now, while the other language may still build
            shutil.rmtree(work[lang] / "docs", ignore_errors=True)
        return result

    try:
        if len(work) > 1 and "fork" in multiprocessing.get_all_start_methods():
            # A worker of its own per language, forked here (not from a thread), shut down as soon as
            # its tree is written so that its memory is gone before its MkDocs starts.
            pools = {lang: ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
                     for lang in work}
            try:
                rendering = {lang: pools[lang].submit(_prepare_language, lang) for lang in work}

                def render_then_build(lang: str) -> subprocess.CompletedProcess[str]:
                    prepared = rendering[lang].result()
                    pools[lang].shutdown()
                    return finish(lang, prepared)

                with ThreadPoolExecutor(max_workers=len(work)) as threads:  # each MkDocs is its own process
                    results = dict(zip(work, threads.map(render_then_build, work), strict=True))
            finally:
                for pool in pools.values():
                    pool.shutdown(cancel_futures=True)
        else:  # one language, or no fork (not Linux): one after the other
            results = {lang: finish(lang, _prepare_language(lang)) for lang in work}
    finally:
        _JOB = None
        if frozen:
            gc.unfreeze()
    clock.lap("render, write and MkDocs (languages in parallel)")
    failed = {lang: r for lang, r in results.items() if r.returncode != 0}
    if failed:
        for lang, r in failed.items():
            print(f"MkDocs build of the {lang} site failed:\n{r.stdout}{r.stderr}", file=sys.stderr)
        print(f"build stopped: {out} left unchanged", file=sys.stderr)
        return 1
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=out.parent))
    try:
        _assemble(staging, out, work, cat.settings.default_language, list(cat.settings.languages), move=not caches)
        _swap(staging, out, background=bool(caches))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for cache in caches.values():
        cache.commit()  # only now: a build that stopped before this point leaves the cache untrusted
    clock.lap("assemble and publish")
    print(f"built {', '.join(work)} into {out}", file=sys.stderr)
    return 0


def _link_or_copy(source: str, target: str) -> None:
    """Hard links: assembling the site costs no copying. Safe because nothing writes into an existing
    file: MkDocs writes new inodes (mkdocs_run) and the temporary work folders are deleted."""
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def _assemble(staging: Path, out: Path, work: dict[str, Path], default: str, languages: list[str],
              move: bool = False) -> None:
    """Default language at the root, others under /<lang>/; languages not rebuilt come from `out`.

    `move`: the built sites are temporary (not an incremental cache), so each is moved in whole (one
    rename a language; a national site has 45,000 files) rather than linked file by file.
    """
    others = [l for l in languages if l != default]
    if not move and default in work and all(lang in work for lang in others):
        for lang in others:
            (staging / lang).mkdir()
        pairs = [(work[default] / "site", staging)] + [(work[lang] / "site", staging / lang) for lang in others]
        if _link_trees(pairs):
            return
        shutil.rmtree(staging)  # cp failed part way: start again in Python
        staging.mkdir()

    def place(source: Path, target: Path, built: bool) -> None:
        if move and built:
            try:
                os.rename(source, target)  # onto the empty staging folder, or a new folder in it
                return
            except OSError:  # another file system: link or copy below
                pass
        shutil.copytree(source, target, dirs_exist_ok=True, copy_function=_link_or_copy)

    if default in work:
        place(work[default] / "site", staging, True)
    else:
        shutil.copytree(out, staging, dirs_exist_ok=True, copy_function=_link_or_copy,
                        ignore=lambda folder, names: [n for n in names if Path(folder) == out and n in others])
    for lang in others:
        place(work[lang] / "site" if lang in work else out / lang, staging / lang, lang in work)


def _link_trees(pairs: list[tuple[Path, Path]]) -> bool:
    """Hard-link every file of each source tree into its (existing) target, all trees at once, with
    coreutils' `cp -al`: an incremental build links the whole site into the new one (11,000 files at
    provincial scale), which copytree did a file at a time in Python (a tenth of a serve rebuild).
    False where there is no such cp or it failed (the caller then links in Python)."""
    cp = shutil.which("cp")
    if cp is None or not sys.platform.startswith("linux"):
        return False
    try:
        running = [subprocess.Popen([cp, "-al", "--", f"{source}/.", str(target)], stderr=subprocess.DEVNULL)
                   for source, target in pairs]
    except OSError:
        return False
    return all([process.wait() == 0 for process in running])  # a list: wait for every one


def _swap(staging: Path, out: Path, background: bool = False) -> None:
    """Replace out with staging: two renames, so readers never see a half-written site.

    `background`: the replaced site is deleted by a thread, so that the caller (an incremental build,
    portal serve's rebuild) is done as soon as the new site is in place; removing thousands of
    files took a tenth of a provincial rebuild. The process still waits for it before it exits.
    """
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=out.parent))
        os.rmdir(old)
        os.rename(out, old)
    os.rename(staging, out)
    if old is not None:
        if background:
            threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True},
                             name="remove the replaced site").start()
        else:
            shutil.rmtree(old, ignore_errors=True)

