"""A spreadsheet that went through someone's own tools, in the real app: a CSV with only some columns changes only
what it names, and the preview says each field and year old -> new; amounts that would become a thousandth of
what they are get a warning before anything is imported. The native file dialog is replaced by a stub."""

import json

from conftest import cli


def preview(app, sheet):
    app.stub_dialog("choose_sheet", str(sheet))
    app.click("#choose-sheet")
    return app.wait_text("#import-summary", lambda t: "problem" in t)


def test_the_preview_shows_each_change_old_and_new_and_warns_of_a_thousandfold_change(app, tmp_path):
    app.go("#/import/initiatives")
    app.wait_text("main h1", lambda t: t == "Importera från kalkylark")

    # Only the 2027 columns of one initiative: the other years and every other field stay.
    sheet = tmp_path / "ar-2027.csv"
    sheet.write_text("Diarienummer;Utveckling 2027 (kr);Förvaltning 2027 (kr)\nSLK-2026-00101;3 100 000;1 900 000\n")
    assert preview(app, sheet) == "0 nya, 1 ändras, 0 oförändrade, 0 problem."
    change = app.text("#import-changes tbody tr")
    assert "Förvaltning 2027 (kr): 1\u00a0850\u00a0000,00\u00a0kr → 1\u00a0900\u00a0000,00\u00a0kr" in change, change
    assert "Utveckling 2027" not in change, "an amount that stays is not listed"
    assert not app.driver.find_elements("css selector", "#import-warnings")
    app.click("#confirm-import")
    app.wait_text("#toast", lambda t: t == "Importen sparades.")
    shown = json.loads(cli(app.portfolio, "initiatives", "show", "SLK-2026-00101", "--json"))
    assert [c["year"] for c in shown["costs"]] == [2026, 2027, 2028, 2029]
    assert shown["costs"][1]["management"] == 190000000
    assert shown["costs"][2]["management"] == 240000000

    # Amounts as a sheet saved with a format that divides by 1000 shows them.
    divided = tmp_path / "delat.csv"
    divided.write_text("Diarienummer;Utveckling 2026 (kr)\nSLK-2026-00101;4 200,00 kr\n")
    preview(app, divided)
    warning = app.text("#import-warnings tbody tr")
    assert "Utveckling 2026 (kr)" in warning and "tusendel" in warning, warning
    app.shot("sheet-import-thousandfold-warning")
