"""The budget material in the app: the council's decided frames recorded, what no longer fits them, the selection
rerun within them, and the paper and the sheet for the city executive office exported from the selection view."""

import json
import re
import subprocess

from conftest import cli


def kronor(text):
    """A whole-krona amount as the app shows it ("1 234 567 kr", "−12 000 kr")."""
    digits = re.sub(r"[^0-9]", "", text.split(",")[0])
    return -int(digits) if text.strip().startswith(("−", "-")) else int(digits)


def test_the_budget_paper_and_sheet_export_from_the_selection_view(app, tmp_path):
    folder = tmp_path / "handlingar"
    assert app.invoke("save_paper_settings", {"papersFolder": str(folder), "openAfterExport": False}) is None
    app.go("#/urval")
    app.find("#export-budget-paper")
    app.click("#export-budget-paper")
    toast = app.wait_text("#toast", lambda t: t.startswith("Sparad:"), timeout=60)
    paper = folder / "Budgetunderlag 2026–2029.pdf"
    assert str(paper) in toast, toast
    text = " ".join(subprocess.run(["pdftotext", str(paper), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Budgetunderlag 2026–2029" in text
    assert "Prioriterade tjänster och initiativ" in text
    assert "Ryms inte längre" in text, "the sample's decided frames for 2027 are below the proposal"
    assert "KF 2026-11-19 § 18" in text
    assert "Inte prioriterat" in text and "Under strecket" in text
    app.click("#export-budget-sheet")
    app.wait_text("#toast", lambda t: "Budgetunderlag 2026–2029.xlsx" in t, timeout=60)
    assert (folder / "Budgetunderlag 2026–2029.xlsx").read_bytes().startswith(b"PK")


def test_recorded_decided_frames_show_what_no_longer_fits_and_the_rerun_uses_them(app):
    app.go("#/urval")
    app.find("#decided-frames")
    app.fill_css("#decided-year", "2028")
    app.fill_css("#decided-development", "3 000 000")
    app.fill_css("#decided-management", "25 000 000")
    # The date is typed as ÅÅÅÅ-MM-DD whatever the system's locale; a date in another form is marked, and what was
    # typed stays.
    assert app.driver.execute_script("return document.querySelector('#decided-on').type") == "text"
    app.fill_css("#decided-on", "19/11/2026")
    app.fill_css("#decided-reference", "KF 2026-11-19 § 18, budget 2028")
    app.click("#save-decided-frame")
    app.wait_text("#decided-message", lambda t: "Beslutsdatum" in t or "datum" in t.lower(), timeout=20)
    assert app.driver.execute_script("return document.querySelector('#decided-on').getAttribute('aria-invalid')") == "true"
    assert app.driver.execute_script("return document.querySelector('#decided-development').value") == "3 000 000"
    app.fill_css("#decided-on", "2026-11-19")
    app.shot("budget-decided-form")
    app.click("#save-decided-frame")
    app.wait_text("#decided-frames", lambda t: "2028" in t and "KF 2026-11-19 § 18, budget 2028" in t, timeout=20)
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    recorded = next(f for f in data["decided_frames"] if f["year"] == 2028)
    assert (recorded["development"], recorded["management"]) == (300000000, 2500000000)
    app.click("#budget-show")
    fits = app.wait_text("#budget-no-longer-fits", lambda t: "2028 förvaltning" in t, timeout=60)
    assert "2027 förvaltning" in fits, fits
    assert "skulle inte längre prioritera" in fits
    assert "föreslagna ramarna" in app.text("#budget-frames-used")
    over = "return [...document.querySelectorAll('#budget-frames tr.over th')].map((e) => e.textContent)"
    assert app.driver.execute_script(over) == ["2027 förvaltning", "2028 förvaltning"]
    app.shot("budget-no-longer-fits")
    app.click("#budget-rerun")
    used = app.wait_text("#budget-frames-used", lambda t: "beslutade ramar" in t, timeout=60)
    assert "budget 2028" in used, used
    # Nothing exceeds a frame within the decided frames, and the steps toward "Ram beslutad" are only offered.
    assert app.driver.execute_script(over) == []
    # "Kvar" is what the engine says is left of the frame used: the decided one where there is one.
    rows = app.driver.execute_script(
        "return [...document.querySelectorAll('#budget-frames tbody tr')]"
        ".map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))"
    )
    assert rows, "the frames table has rows"
    for proposed, decided, prioritised, left, _gap in rows:
        frame = kronor(decided) if decided.strip() != "–" else kronor(proposed)
        assert abs(kronor(left) - (frame - kronor(prioritised))) <= 1, (proposed, decided, prioritised, left)
    before = [i["state"] for i in data["initiatives"]]
    after = [i["state"] for i in json.loads(cli(app.portfolio, "export", "--format", "json"))["initiatives"]]
    assert before == after, "no silent state changes"
    app.shot("budget-rerun")
