"""Issue 17, part A in the real app: the material's content for "Underlag klart" met in the initiative form (laws or
explicitly none, a risk list, a long-term plan) and the benefits realisation plan approved in the benefits view,
with the board's decided action shown on a benefit off track."""

import json

from conftest import cli


def shown(app, case):
    return json.loads(cli(app.portfolio, "initiatives", "show", case, "--json"))


def test_the_material_is_completed_in_the_form_and_the_step_opens(app):
    # SLK-2026-00122 is in analysis with its laws, but no risk assessment and no long-term plan.
    app.go("#/initiativ/22")
    app.wait_text(".view-header h1", lambda t: t.startswith("SLK-2026-00122"))
    app.wait(lambda d: len(app.texts(".transitions li")) == 2)
    first = app.texts(".transitions li")[0]
    assert first.startswith("Till Underlag klart"), first
    assert "en risk- och säkerhetsbedömning" in first and "en långsiktig plan" in first, first
    assert "lagar" not in first, first
    assert app.find('.transitions button[data-to="underlag_klart"]').get_attribute("disabled") is not None

    # Laws and "no specific legal requirement" together: the engine's message beside the checkbox.
    no_law = app.field("Inget särskilt lagkrav")
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", no_law)
    no_law.click()
    message = app.wait_text('[data-field="no_legal_requirement"] .field-message', lambda t: t != "")
    assert "inte båda" in message, message
    no_law.click()
    app.wait_text('[data-field="no_legal_requirement"] .field-message', lambda t: t == "")

    # A risk row and a long-term plan.
    assert app.text(".risks").startswith("Risker")
    app.click("#add-risk")
    app.fill_css(".risk-table tbody tr:last-child td:nth-child(1) input", "Förtroendevalda saknar läsplatta")
    app.driver.execute_script(
        "const s = document.querySelector('.risk-table tbody tr:last-child td:nth-child(3) select');"
        "s.value = 'hog'; s.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    app.fill_css(".risk-table tbody tr:last-child td:nth-child(4) textarea", "Lån av läsplatta via nämndsekreteraren")
    app.fill(app.field("Långsiktig plan"), "Ingår i den digitala nämndadministrationen från 2027.")
    app.shot("material-form")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    stored = shown(app, "SLK-2026-00122")
    assert stored["risks"] == [
        {"risk": "Förtroendevalda saknar läsplatta", "likelihood": "medel", "consequence": "hog",
         "action": "Lån av läsplatta via nämndsekreteraren"}
    ], stored["risks"]
    assert stored["long_term_plan"] == "Ingår i den digitala nämndadministrationen från 2027."

    # Now the step is open and moves.
    app.wait(lambda d: app.find('.transitions button[data-to="underlag_klart"]').get_attribute("disabled") is None)
    app.click('.transitions button[data-to="underlag_klart"]')
    app.wait_text("#toast", lambda t: t == "Initiativet har flyttats.")
    app.wait_text(".lifecycle .state", lambda t: t == "Underlag klart")
    assert shown(app, "SLK-2026-00122")["state"] == "underlag_klart"


def test_the_benefits_plan_is_approved_in_the_benefits_view(app):
    # SLK-2026-00101's plan is not approved: its measurements would not count yet.
    app.go("#/initiativ/1/nyttor")
    app.wait_text("main h1", lambda t: t == "Nyttorealiseringsplan")
    assert "inte fastställd" in app.text("#plan-approval-status")
    app.fill(app.field("Fastställd datum"), "2026-12-01")
    app.click_text("button", "Spara fastställelsen")
    message = app.wait_text('.plan-approval [data-field="benefits_plan_approved_by"] .field-message', lambda t: t != "")
    assert message, "an approval needs who approved it"
    assert shown(app, "SLK-2026-00101")["benefits_plan_approved_date"] == ""
    app.fill_css(".plan-approval [data-field='benefits_plan_approved_by'] input", "Utbildningsnämnden")
    app.click_text("button", "Spara fastställelsen")
    # The view is drawn again from the saved initiative.
    app.wait_text("#plan-approval-status", lambda t: t.startswith("Planen fastställdes 2026-12-01 av Utbildningsnämnden"))
    stored = shown(app, "SLK-2026-00101")
    assert (stored["benefits_plan_approved_date"], stored["benefits_plan_approved_by"]) == ("2026-12-01", "Utbildningsnämnden")
    app.shot("benefits-plan-approved")

    # SLK-2026-00102: a benefit off track shows the board's decided action in the list.
    app.go("#/initiativ/2/nyttor")
    app.wait_text("#plan-approval-status", lambda t: t.startswith("Planen fastställdes 2026-02-20"))
    items = app.texts(".benefit-list li")
    reminders = next(i for i in items if "Färre betalningspåminnelser" in i)
    assert "Avviker" in reminders and "Åtgärd beslutad 2026-09-15 av Grundskolenämnden" in reminders, reminders
