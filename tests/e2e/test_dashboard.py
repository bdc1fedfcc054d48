"""Before the next meeting: what is late or waiting, and the follow-up against the frames, from the sample portfolio,
in the real app."""

import json

from conftest import cli


def test_the_dashboard_shows_what_is_late_and_waiting(app):
    app.go("#/infor-motet")
    app.wait_text("main h1", lambda t: t == "Inför nästa möte")
    # The sample's e-archive deviation was registered 2026-10-20 without a deadline: 30 days later it is late.
    deviations = app.text("#dash-deviations")
    assert "Leveransen av e-arkivets nya version är försenad" in deviations and "2026-11-19" in deviations, deviations
    waiting = app.texts("#dash-waiting li")
    assert any(w.startswith("SLK-2026-00101") for w in waiting), waiting
    assert len(app.texts("#dash-followed li")) == 8
    app.find("#dash-frames-table tbody tr")
    assert app.text("#alert") == ""
    app.shot("dashboard")


def test_the_dashboard_lists_the_providers_late_with_their_yearly_analysis(app):
    # Who is late is the engine's verdict on the analyses most recently due (by the shell's clock and the due day of
    # the city's practice); the card lists exactly those.
    app.go("#/infor-motet")
    app.wait_text("main h1", lambda t: t == "Inför nästa möte")
    app.find("#dash-analyses li")
    round_ = app.invoke("analysis_round")
    late = [s for s in round_["standings"] if s["late"]]
    shown = app.texts("#dash-analyses li")
    assert len(shown) == len(late) and late, (shown, round_)
    # From 1 November 2026 Inköp och upphandling is late: its 2027 analysis is a draft, later ones are missing.
    inkop = next(t for t in shown if t.startswith("Inköp och upphandling"))
    assert f"analysen för {round_['year']} skulle lämnas senast {round_['due']}" in inkop, inkop
    assert app.text("#dash-analyses h2") == f"Årliga analyser som inte är inlämnade {len(late)}"
    app.click_text("a", "Inköp och upphandling")
    app.wait_text("main h1", lambda t: t == f"Årlig analys – Inköp och upphandling {round_['year']}")


def frames_shown(app, table):
    """The figures of a frames table as the view shows them, in öre (each cell carries the engine's number)."""
    return app.driver.execute_script(
        "return [...document.querySelectorAll(arguments[0] + ' tbody tr')].map(row => ({"
        "  kind: row.dataset.kind,"
        "  figures: Object.fromEntries([...row.querySelectorAll('td[data-figure]')]"
        "    .map(td => [td.dataset.figure, Number(td.dataset.ore)])),"
        "  text: row.innerText.replace(/\\u00a0/g, ' ')}));",
        table,
    )


def test_the_dashboards_frames_are_the_figures_of_samordna_budget_follow_up(app):
    app.go("#/infor-motet")
    app.find("#dash-frames-table tbody tr")
    year = app.driver.execute_script("return document.querySelector('#dash-frames-table').dataset.year")
    expected = json.loads(cli(app.portfolio, "budget", "follow-up", "--year", year, "--json"))
    shown = frames_shown(app, "#dash-frames-table")
    assert [row["kind"] for row in shown] == [f["kind"] for f in expected["frames"]] == ["development", "management"]
    for row, frame in zip(shown, expected["frames"]):
        for key in ("decided", "committed", "actual", "left", "unspent"):
            assert row["figures"][key] == frame[key], (key, row, frame)
        # The proposed frame is marked; the amounts are written as the engine's, in kronor.
        assert ("föreslagen, ej beslutad" in row["text"]) == (not frame["decided_by_council"]), row["text"]
    if year == "2026":
        assert "Budgetförslag 2027" in app.text("#dash-frames-table-source")
        assert "16 000 000 kr" in shown[0]["text"], shown[0]["text"]
    assert app.text("#alert") == ""


def test_an_actual_outcome_recorded_in_the_follow_up_view_moves_the_figures_as_the_cli_sees_them(app):
    app.arrive("#/uppfoljning/2026")
    app.find("#follow-up-frames tbody tr")
    assert app.text("main h1") == "Uppföljning mot ramarna"
    before = json.loads(cli(app.portfolio, "budget", "follow-up", "--year", "2026", "--json"))
    # Every item the engine lists is in the view; business-specific initiatives are not.
    rows = app.driver.execute_script(
        "return [...document.querySelectorAll('#follow-up-items tbody tr')].map(r => r.dataset.item);"
    )
    assert rows == [i["item"] for i in before["items"]]
    assert "GRF-2026-00212" not in app.text("#follow-up-items")

    # A prioritised initiative without an outcome: record one through the form.
    app.select("Initiativ eller tjänst", "SLK-2026-00102 Automatiserad tolkning av leverantörsfakturor")
    app.fill(app.field("Utveckling utfall (kr)"), "450 000,50")
    app.fill(app.field("Förvaltning utfall (kr)"), "")
    app.click("#save-outcome")
    app.wait(lambda d: "450 000,50" in app.text("#follow-up-items").replace("\u00a0", " "))
    after = json.loads(cli(app.portfolio, "budget", "follow-up", "--year", "2026", "--json"))
    assert after["frames"][0]["actual"] - before["frames"][0]["actual"] == 45_000_050
    shown = frames_shown(app, "#follow-up-frames")
    for row, frame in zip(shown, after["frames"]):
        assert row["figures"]["actual"] == frame["actual"]

    # A bad amount is refused beside its field, in Swedish; nothing is written.
    app.select("Initiativ eller tjänst", "Kontaktcenter")
    app.fill(app.field("Förvaltning utfall (kr)"), "-5")
    app.click("#save-outcome")
    app.wait_text("#outcome-management-message", lambda t: t == "Beloppet får inte vara negativt.")
    app.fill(app.field("Förvaltning utfall (kr)"), "två miljoner")
    app.click("#save-outcome")
    app.wait_text("#outcome-management-message", lambda t: t.startswith("Skriv ett belopp i kronor"))
    assert json.loads(cli(app.portfolio, "budget", "follow-up", "--year", "2026", "--json")) == after
    app.shot("follow-up")


def test_the_lifecycle_board_shows_every_initiative_in_its_phase(app):
    app.go("#/livscykel")
    app.wait_text("main h1", lambda t: t == "Livscykel")
    assert len(app.texts(".board-card")) == 44
    preparation = app.texts('.board-column[data-phase="preparation"] .board-card')
    assert any("SLK-2026-00101" in c and "Väntar på SSG" in c for c in preparation), preparation
    app.select("Spår", "Verksamhetsspecifik")
    app.wait(lambda d: 0 < len(app.texts(".board-card")) < 44)
    app.shot("board")


def test_actual_outcomes_are_imported_from_a_sheet_with_problems_by_row_and_column_first(app, tmp_path):
    app.go("#/import/actuals")
    app.wait_text("main h1", lambda t: t == "Importera från kalkylark")
    assert app.driver.execute_script("return document.querySelector('#import-kind').value") == "actuals"
    before = json.loads(cli(app.portfolio, "budget", "follow-up", "--year", "2026", "--json"))
    sheet = tmp_path / "utfall.csv"
    sheet.write_text(
        "Diarienummer;Namn;År;Utveckling utfall (kr);Förvaltning utfall (kr)\n"
        "SLK-2026-00104;;2026;2 400 000;412 500\n"
        "GRF-2026-00212;;2026;1 000;\n",
        encoding="utf-8",
    )
    app.stub_dialog("choose_sheet", str(sheet))
    app.click("#choose-sheet")
    app.wait_text("#import-summary", lambda t: "problem" in t)
    cells = app.texts("#import-problems tbody tr td")
    assert cells[:2] == ["3", "Diarienummer"] and "egen budget" in cells[2], cells
    assert app.driver.execute_script("return document.querySelector('#confirm-import').disabled")

    sheet.write_text(
        "Diarienummer;Namn;År;Utveckling utfall (kr);Förvaltning utfall (kr)\nSLK-2026-00104;;2026;2 400 000;412 500\n",
        encoding="utf-8",
    )
    app.click("#choose-sheet")
    assert app.wait_text("#import-summary", lambda t: "0 problem" in t) == "0 nya, 1 ändras, 0 oförändrade, 0 problem."
    app.click("#confirm-import")
    app.wait_text("#toast", lambda t: t == "Importen sparades.")
    after = json.loads(cli(app.portfolio, "budget", "follow-up", "--year", "2026", "--json"))
    assert after["frames"][0]["actual"] - before["frames"][0]["actual"] == 9_000_000
