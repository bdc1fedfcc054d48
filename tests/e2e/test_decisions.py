"""The group's formal records in the real app (issue 25): who did it (the login name when no name is set), the
group's states only by a decision at a meeting, a mistaken step undone by whoever took it, budget material decided
as a whole at a meeting, and the budget material's states, outcomes and totals."""

import datetime
import json
import os
import pwd
from zoneinfo import ZoneInfo

from conftest import cli


def shown(app, case):
    return json.loads(cli(app.portfolio, "initiatives", "show", case, "--json"))


def test_without_a_name_of_their_own_changes_are_signed_with_the_login_name(app):
    login = os.environ.get("USER") or os.environ.get("USERNAME") or pwd.getpwuid(os.getuid()).pw_name
    assert app.invoke("save_settings", {"memberName": "", "language": "sv"}) is None
    app.driver.refresh()
    app.find("body[data-ready=true]")
    assert app.wait_text("#action-settings", lambda t: t != "") == f"{login} (inloggningsnamn)"
    app.go("#/initiativ/6")
    app.wait_text(".view-header h1", lambda t: t.startswith("SLK-2026-00106"))
    app.fill(app.find("#transition-reason"), "Granskat.")
    app.click('.transitions button[data-to="underlag_klart"]')
    app.wait_text("#toast", lambda t: t == "Initiativet har flyttats.")
    assert shown(app, "SLK-2026-00106")["state"] == "underlag_klart"
    changes = app.invoke("record_history", {"entity": "initiative", "id": 6})
    assert changes[0]["by"] == login and "okänd" not in json.dumps(changes)
    app.shot("name-login")


def test_the_groups_states_are_not_steps_and_a_mistaken_step_is_undone(app):
    # SLK-2026-00101 is valued: prioritising it is the group's decision, not a button here.
    app.go("#/initiativ/1")
    app.wait_text(".view-header h1", lambda t: t.startswith("SLK-2026-00101"))
    note = app.wait_text("#lifecycle-by-group", lambda t: t != "")
    assert "Prioriterad" in note and "beslutas av samordningsgruppen" in note, note
    assert not app.driver.find_elements("css selector", '.transitions button[data-to="prioriterad"]')
    result = app.invoke("move_initiative", {"id": 1, "to": "prioriterad", "reason": "x"})
    assert result["error"]["code"] == "transition" and result["error"]["params"]["missing"] == ["group_decision"]
    # A step taken by mistake on SLK-2026-00103, undone with a reason by whoever took it.
    app.go("#/initiativ/3")
    app.wait_text(".view-header h1", lambda t: t.startswith("SLK-2026-00103"))
    app.fill(app.find("#transition-reason"), "Dubblett")
    app.click('.transitions button[data-to="avbruten"]')
    app.wait_text("#toast", lambda t: t == "Initiativet har flyttats.")
    latest = app.wait_text("#lifecycle-latest", lambda t: "Avbruten" in t)
    assert "Beredd → Avbruten" in latest and "Anna Lindqvist" in latest, latest
    app.click("#undo-step")
    assert app.wait_text("#lifecycle-latest .field-message", lambda t: t != "") == "Skriv en motivering för det här steget."
    app.fill(app.find("#undo-reason"), "Fel initiativ avbrutet")
    app.click("#undo-step")
    app.wait_text("#toast", lambda t: t == "Steget är ångrat.")
    app.wait_text(".lifecycle .state", lambda t: t == "Beredd")
    assert shown(app, "SLK-2026-00103")["state"] == "beredd"
    app.shot("lifecycle-undone")


def test_budget_material_decided_at_a_meeting_moves_every_item(app):
    today = datetime.datetime.now(ZoneInfo("Europe/Stockholm")).date().isoformat()
    meeting = {
        "id": 0, "body": "Strategisk samordningsgrupp för digitalisering", "date": today, "start_time": "13:00",
        "end_time": "15:00", "place": "Stadshuset", "link": "", "case_number": "", "absence_contact": "",
        "minutes_checker": "Maria Haddad", "criteria_set_id": 1, "people": [],
        "items": [{
            "id": 0, "kind": "beslut", "title": "Budgetunderlag till stadsledningskontoret", "case_number": "",
            "presenter": "", "officer": "", "initiative_id": None, "service_id": None,
            "proposed_decision": "Samordningsgruppen prioriterar enligt förslaget.", "summary": "", "background": "",
            "assessment": "", "confidential": False, "paragraph": None, "deviation_id": None, "scenario_id": 1,
        }],
        "approved_at": None, "approved_by": None,
    }
    created = app.invoke("save_meeting", {"record": meeting})
    assert isinstance(created, int), created
    # Made behind the app's back: reload so that it reads the portfolio again.
    app.driver.refresh()
    app.find("body[data-ready=true]")
    app.go(f"#/moten/{created}")
    app.wait_text("main h1", lambda t: t == f"Möte {today}")
    card = ".decision-card"
    app.find(f"{card} textarea")
    app.driver.execute_script(
        "const s = document.querySelector(arguments[0]); s.value = 'prioriterad'; s.dispatchEvent(new Event('change'))",
        f"{card} select",
    )
    app.click(f"{card} button.primary")
    toast = app.wait_text("#toast", lambda t: t.startswith("Beslutet är protokollfört."))
    assert "initiativ har flyttats" in toast, toast
    effects = app.wait_text(f"{card} .decision-effects", lambda t: "Budgetunderlaget:" in t)
    assert "SLK-2026-00124 Kompetensportal för e-lärande: Värderad av SSG → " in effects, effects
    assert shown(app, "SLK-2026-00124")["state"] in ("prioriterad", "ej_prioriterad")
    assert shown(app, "SLK-2026-00109")["state"] == "identifierad", "without material it stays"
    app.shot("budget-material-decided")


def test_the_budget_material_shows_states_outcomes_and_totals_from_the_engine(app):
    app.go("#/urval")
    app.click("#budget-show")
    app.wait(lambda d: len(app.texts("#budget-lines tbody tr")) > 0, timeout=60)
    decision = app.text("#budget-material-decision")
    assert "2026-05-21 § 14: Prioriteras" in decision, decision
    rest = {row.split("\n")[0]: row for row in app.texts("#budget-rest tbody tr")}
    refused = next(row for row in app.texts("#budget-rest tbody tr") if "SLK-2026-00121" in row)
    assert "Ej prioriterad" in refused and "2026-10-15 § 35: Prioriteras inte" in refused, refused
    sent_back = next(row for row in app.texts("#budget-rest tbody tr") if "SLK-2026-00113" in row)
    assert "Underlaget är inte klart (Återremitterad till analys)" in sent_back, sent_back
    assert rest, "lines not prioritised are listed"
    chosen = app.texts("#budget-lines tbody tr")
    assert not any("SLK-2026-00121" in row or "SLK-2026-00113" in row for row in chosen)
    funding = app.texts("#budget-by-funding tbody tr")
    assert any("Kostnadsfördelning" in row and "Kunderna betalar" in row for row in funding), funding
    assert any("Kommunbidrag" in row and "Kräver kommunbidrag och ramväxling" in row for row in funding), funding
    assert app.texts("#budget-by-organisation tbody tr"), "what each board and company pays"
    app.shot("budget-material-totals")
