"""The home page and the free Markdown pages from content/pages/."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..pages_source import Page
from .blocks import fallback_note, record_link
from .escape import md, page_head
from .free_markdown import render_free_markdown
from .i18n import fmt_number, t, text
from .links import doc_path, md_link
from .park_pages import available_land_mu

HOME_SLUG = "home"


def _body(page: Page, lang: str, doc: str) -> str:
    """The page's text without its title line (the page supplies its own), rendered and sanitised.

    `doc` is where the page is generated, for its links to other pages.
    """
    lines = page.text(lang).splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return render_free_markdown("\n".join(lines).strip(), doc=doc)


def home_page(cat: Catalogue, lang: str) -> str:
    doc = "index.md"
    # The browser tab reads "Home - <site title>" rather than the site title twice.
    out = [page_head(text(cat.settings.title, lang), tab_title=t("home", lang)), ""]
    if cat.settings.tagline:
        out += [f'<p class="tagline">{md(text(cat.settings.tagline, lang))}</p>', ""]
    home = cat.pages.get(HOME_SLUG)
    if home:
        out += [fallback_note(lang) if home.is_fallback(lang) else "", _body(home, lang, doc), ""]
    in_force = sum(1 for s in cat.policy_status.values() if s in ("in_force", "amended"))
    land = sum(v for v in (available_land_mu(cat, p) for p in cat.parks) if v)
    figures = [(len(cat.districts), t("districts", lang)), (len(cat.parks), t("parks", lang)),
               (len(cat.industries), t("industries", lang)), (in_force, t("policies_in_force", lang)),
               (f"{fmt_number(round(land))} {'亩' if lang == 'zh' else 'mu'}", t("land_available", lang))]
    out += [f"## {t('key_figures', lang)}", "", '<div class="key-figures">']
    out += [f'<div class="key-figure"><span class="key-number">{n}</span><span class="key-label">{md(label)}</span></div>'
            for n, label in figures]
    out += ["</div>", "", f"## {t('by_industry', lang)}", ""]
    for iid in sorted(cat.industries):
        out.append(f"- {record_link(cat, doc, 'industries', iid, lang)} ({len(cat.parks_by_industry[iid])} {t('parks', lang)})")
    out += ["", f"## {t('by_district', lang)}", ""]
    for did in sorted(cat.districts):
        out.append(f"- {record_link(cat, doc, 'districts', did, lang)} ({len(cat.parks_by_district[did])} {t('parks', lang)})")
    guides = [s for s in sorted(cat.pages) if s != HOME_SLUG]
    if guides:
        out += ["", f"## {t('guides', lang)}", ""]
        out += [f"- [{md(cat.pages[s].title(lang))}]({md_link(doc, doc_path('pages', s))})" for s in guides]
    return "\n".join(out) + "\n"


def free_page(page: Page, lang: str) -> str:
    note = fallback_note(lang) + "\n" if page.is_fallback(lang) else ""
    return f"{page_head(page.title(lang))}\n\n{note}{_body(page, lang, doc_path('pages', page.slug))}"
