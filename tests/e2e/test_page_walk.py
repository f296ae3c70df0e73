"""Every page in the real browser, in both languages, on the demo data and on an empty
database: a committee member signs in and opens each page of the sidebar. A page fails on a
table header that is a raw identifier, a None/nan/NaT cell or text, and, in the Chinese view,
on any English-only widget text as it is drawn (text hidden by the uploader's style does not
count, the words it draws instead do). Screenshots of every page go to
tests/artifacts/walk/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import re

import pytest

from tests.e2e.conftest import CHROMIUM, COMMITTEE_PASSWORD, COMMITTEE_USER, VIEWPORT
from tests.page_walk import (
    english_only,
    missing_in_text,
    missing_words,
    raw_headers,
    streamlit_placeholders,
    unformatted_numbers,
)
from tests.streamlit_client import serve

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium",
                allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is in requirements-dev.txt")

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.e2e.test_browser import screenshot, sign_in, wait_idle  # noqa: E402

pytestmark = pytest.mark.slow
WAIT_MS = 60_000
LANGUAGE_OPTIONS = {"zh": "中文", "en": "English"}

# What a page shows, read in the browser: grid headers and the cells in view (the grid's
# accessible table), the text of the main area, and every piece of widget text as drawn: a
# text node in a font size above 0, larger than a pixel, that is not an icon ligature or a
# command (`make run`), and the content of ::before and ::after.
COLLECT = """() => {
  const visible = el => el.checkVisibility({visibilityProperty: true});
  const fragments = [];
  const drawn = el => {
    for (const node of [el, ...el.querySelectorAll('*')]) {
      if (!visible(node)) continue;
      const box = node.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;   // screen-reader-only: not drawn
      for (const pseudo of ['::before', '::after']) {
        const style = getComputedStyle(node, pseudo);
        const content = style.content;
        const hidden = style.display === 'none' || style.visibility === 'hidden'
          || style.opacity === '0' || style.fontSize === '0px';   // e.g. a tooltip not hovered
        if (content && content !== 'none' && content !== 'normal' && !hidden)
          fragments.push(content.replace(/^"|"$/g, ''));
      }
    }
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent) || !node.textContent.trim()) continue;
      if (parent.closest('[data-testid="stIconMaterial"], code')) continue;  // icons, commands
      if (getComputedStyle(parent).fontSize === '0px') continue;
      const box = parent.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      fragments.push(node.textContent.trim());
    }
  };
  const chrome = ['[data-testid="stWidgetLabel"]', 'button', 'summary',
    '[data-testid="stMetricLabel"]', '[data-testid="stFileUploader"]',
    '[data-testid="stSidebarNav"]', '[data-testid="stRadio"]',
    '[data-testid="stCaptionContainer"]', '[data-testid="stAlert"]', 'h1', 'h2', 'h3',
    '[data-testid="stTab"]', '[data-testid="stStatusWidget"]',
    '[data-testid="stTooltipErrorContent"]'];
  const seen = new Set();
  for (const el of document.querySelectorAll(chrome.join(','))) {
    if (seen.has(el) || [...seen].some(s => s.contains(el))) continue;
    seen.add(el);
    drawn(el);
  }
  const grid = s => [...document.querySelectorAll('[data-testid="stDataFrame"] ' + s)]
    .map(c => c.innerText.trim());
  const main = document.querySelector('[data-testid="stMain"]');
  return {headers: grid('th[role="columnheader"]'), cells: grid('td[role="gridcell"]'),
          text: main ? main.innerText : '', fragments};
}"""


def problems_on(page, lang: str) -> list[str]:
    """What the committee member must not read on the page shown."""
    shown = page.evaluate(COLLECT)
    found = [f"raw header {h!r}" for h in raw_headers(shown["headers"])]
    found += [f"cell {c!r}" for c in shown["cells"] if missing_words(c)]
    found += [f"text {w!r}" for w in missing_in_text(shown["text"])]
    if page.locator('[data-testid="stException"]').count():
        found.append("an exception is shown")
    found += [f"unformatted number {c!r}" for c in unformatted_numbers(shown["cells"])]
    if lang == "zh":
        found += [f"English-only {f!r}" for f in shown["fragments"]
                  if english_only(f) and f != LANGUAGE_OPTIONS["en"]]
        found += [f"Streamlit's placeholder {w!r}" for w in streamlit_placeholders(shown["text"])]
    return found


def _nav_links(page) -> list[str]:
    return [a.inner_text().strip() for a in
            page.locator('[data-testid="stSidebarNav"] a').all()]


def _settle(page) -> None:
    """Until the run a click started has finished and its styles apply: an uploader's own
    words in a font size 0 (if they never are, the walk's check reports them)."""
    wait_idle(page)
    page.wait_for_timeout(500)
    wait_idle(page)
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function("""() => [...document.querySelectorAll(
            '[data-testid="stFileUploaderDropzoneInstructions"] span')].every(
            span => getComputedStyle(span).fontSize === '0px')""", timeout=5_000)


def _open(page, link: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a').filter(
        has_text=re.compile(f"^{re.escape(link)}$")).click()
    page.locator("h1").first.wait_for(timeout=WAIT_MS)
    _settle(page)
    run = page.get_by_role("button", name=re.compile("^(开始评审排序|Run the ranking)$"))
    if run.count():  # the subsidy page's tables appear after a ranking run
        run.click()
        page.get_by_role("heading", name=re.compile("排名与各项得分|Ranking with points")) \
            .wait_for(timeout=3 * WAIT_MS)   # a MILP and its robustness runs, on a busy machine
        _settle(page)


def _drag_a_file_over(page) -> None:
    """The state an uploader is in while a file is dragged over it."""
    page.evaluate("""() => {
      const zone = document.querySelector('[data-testid="stFileUploaderDropzone"]');
      const files = new DataTransfer();
      files.items.add(new File(['x'], 'a.xlsx'));
      for (const kind of ['dragenter', 'dragover'])
        zone.dispatchEvent(new DragEvent(kind, {bubbles: true, cancelable: true,
                                                dataTransfer: files}));
    }""")
    page.wait_for_timeout(300)


def walk(browser, url: str, name: str, artifacts) -> dict[str, list[str]]:
    """Sign in, open every page in Chinese then in English; the problems per page."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    folder = artifacts / "walk"
    folder.mkdir(exist_ok=True)
    found: dict[str, list[str]] = {}
    try:
        page.goto(url)
        sign_in(page)
        for lang in ("zh", "en"):
            if lang == "en":
                page.locator('[data-testid="stSidebar"]').get_by_text(
                    LANGUAGE_OPTIONS["en"], exact=True).click()
                page.get_by_text("Sign out", exact=True).wait_for(timeout=WAIT_MS)
            for i, link in enumerate(_nav_links(page)):
                _open(page, link)
                found[f"{name} {lang} {link}"] = problems_on(page, lang)
                screenshot(page, folder / f"{name}_{lang}_{i}.png")
                if page.locator('[data-testid="stFileUploaderDropzone"]').count():
                    _drag_a_file_over(page)
                    found[f"{name} {lang} {link} (dragging a file)"] = problems_on(page, lang)
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def empty_dashboard(tmp_path_factory):
    """The dashboard on a database with nothing in it, and the committee account."""
    from core import access

    folder = tmp_path_factory.mktemp("empty")
    access.add_account(COMMITTEE_USER, COMMITTEE_PASSWORD, path=folder / "accounts.json")
    env = {"CAMPUS_ENERGY_DB": str(folder / "empty.duckdb"),
           "CAMPUS_ENERGY_ACCOUNTS": str(folder / "accounts.json")}
    with serve(env, folder / "streamlit.log", timeout_s=60) as served:
        yield served.url


def _assert_clean(found: dict[str, list[str]]) -> None:
    assert len(found) >= 14, f"too few pages walked: {list(found)}"
    bad = {page: problems for page, problems in found.items() if problems}
    assert not bad, "\n".join(f"{page}: {problems}" for page, problems in bad.items())


def test_every_page_reads_well_on_the_demo_data(browser, dashboard, artifacts):
    _assert_clean(walk(browser, dashboard.url, "demo", artifacts))


def test_every_page_reads_well_on_an_empty_database(browser, empty_dashboard, artifacts):
    _assert_clean(walk(browser, empty_dashboard, "empty", artifacts))


def test_the_uploader_speaks_chinese(browser, dashboard, artifacts):
    """The upload page's uploader draws its button, limits and a refused file's reason in
    Chinese (the words Streamlit writes are hidden) and still shows the file chosen; the
    walk's check would see English words if they came back."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(dashboard.url)
        sign_in(page)
        _open(page, "学校上传")
        page.locator('[data-testid="stFileUploader"]').wait_for(timeout=WAIT_MS)
        _settle(page)
        shown = page.evaluate(COLLECT)["fragments"]
        assert "选择文件" in shown
        assert any(f.startswith("或将文件拖放到此处 · 每个文件不超过 20 MB") for f in shown), shown
        assert not [f for f in shown if "Upload" in f or "per file" in f], shown
        page.locator('[data-testid="stFileUploader"]').screenshot(
            path=str(artifacts / "walk" / "uploader_zh.png"))
        # a file of a type the uploader refuses: its chip stays readable, the refusal Chinese
        page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(
            files=[{"name": "说明.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}])
        page.locator('[data-testid="stFileChip"]').wait_for(timeout=WAIT_MS)
        _settle(page)
        page.locator('[data-testid="stFileChip"]').hover()   # the reason is its tooltip
        page.locator('[data-testid="stTooltipErrorContent"]').wait_for(timeout=WAIT_MS)
        shown = page.evaluate(COLLECT)["fragments"]
        assert "说明.pdf" in shown, shown
        assert any(f.startswith("未上传：文件须为 XLSX、XLS、ET、CSV、TXT") for f in shown), shown
        assert not [f for f in shown if english_only(f) and f != LANGUAGE_OPTIONS["en"]], shown
        screenshot(page, artifacts / "walk" / "uploader_refused_zh.png")
    finally:
        context.close()
