"""Funding model comparison in the app: the sample cases, editing the basis, choosing the model."""

import json

from conftest import cli


def export(app):
    return json.loads(cli(app.portfolio, "export", "--format", "json"))


def test_the_e_mail_service_shows_the_models_side_by_side(app):
    data = export(app)
    mail = next(s for s in data["services"] if s["name"] == "E-post och kalender")
    app.go(f"#/tjanster/{mail['id']}")
    app.click("#open-funding")
    app.wait_text("#funding-results", lambda t: "Leverantörens resultat" in t)
    text = app.text("#funding-results")
    for heading in ["Kostnadsfördelning", "Faktura à pris", "Kommunbidrag", "Vem bär risken?", "Om volymerna ändras"]:
        assert heading in text, heading
    assert "Ramväxling från Utbildningsförvaltningen" in text
    assert "Göteborg Energi (bolag) faktureras" in text
    # That companies are invoiced, never grant funded, is labelled as the city's practice, not the guideline.
    assert app.text("#funding-company-practice").startswith("Stadens rutin, inte riktlinjen: bolag")
    assert "Utfall saknas för 2026, 2027, 2028" in text
    totals = app.texts("#funding-totals tbody tr")
    assert len(totals) == 8
    app.shot("20-funding-mail")


def test_editing_the_basis_recomputes_and_the_model_is_saved_on_the_item(app):
    data = export(app)
    platform = next(i for i in data["initiatives"] if i["case_number"] == "SLK-2026-00101")
    app.go(f"#/initiativ/{platform['id']}/finansiering")
    app.wait_text("#funding-results", lambda t: "Årlig leasingavgift" in t)
    assert "leasingränta enligt parametrarna" in app.text("#funding-results")
    assert "Investeringen leasas, som stadens regler kräver" in app.text("#funding-results")
    # Open the basis and change the first customer's forecast volume for 2027.
    app.click(".scenario-editor > summary")
    field = app.driver.find_element("css selector", "input[aria-label='Utbildningsförvaltningen Prognos 2027']")
    app.fill(field, "30 000")
    app.click(".scenario-editor button[type=submit].primary")
    app.wait(lambda d: export(app)["funding_cases"][1]["customers"][0]["forecast_volume"][0] == "30000")
    # Saved, the view is drawn anew and computes the models again; then choose invoice per unit.
    app.wait_text("#toast", lambda t: t == "Sparat.")
    app.wait_text("#funding-results", lambda t: "Vem bär risken?" in t)
    app.click("button[data-model=faktura_a_pris]")
    app.wait(lambda d: next(i for i in export(app)["initiatives"] if i["case_number"] == "SLK-2026-00101")["funding_model"] == "faktura_a_pris")
    app.wait_text(".view-header .badge", lambda t: "Faktura à pris" in t)
    app.shot("21-funding-platform")


def test_bad_volumes_are_refused_in_swedish(app):
    data = export(app)
    mail = next(s for s in data["services"] if s["name"] == "E-post och kalender")
    app.go(f"#/tjanster/{mail['id']}/finansiering")
    app.wait_text("#funding-results", lambda t: "Leverantörens resultat" in t)
    app.click(".scenario-editor > summary")
    field = app.driver.find_element("css selector", "input[aria-label='Kulturförvaltningen Prognos 2026']")
    app.fill(field, "nio hundra")
    app.click(".scenario-editor button[type=submit].primary")
    app.wait(lambda d: "Skriv ett tal, t.ex. 1 250 eller 2,5." in app.texts(".field-message"))
    assert export(app) == data


def test_parameters_are_edited_as_per_cent(app):
    app.go("#/parametrar")
    app.wait_text("main h1", lambda t: t == "Parametrar")
    rate = app.driver.find_element("css selector", "input[aria-label='Internränta (%) 2027']")
    assert rate.get_attribute("value") == "2,5"
    app.fill(rate, "2,75")
    app.click("button[type=submit].primary")
    app.wait(lambda d: next(y for y in export(app)["parameters"]["years"] if y["year"] == 2027)["internal_rate"] == "0.0275")
    app.shot("22-parameters")


def test_the_funding_comparison_exports_to_excel(app, tmp_path):
    folder = tmp_path / "export"
    assert app.invoke("save_paper_settings", {"papersFolder": str(folder), "openAfterExport": False}) is None
    app.go("#/initiativ/1/finansiering")
    app.click("#export-funding")
    toast = app.wait_text("#toast", lambda t: t.startswith("Sparad:"), timeout=30)
    assert "Finansiering SLK-2026-00101.xlsx" in toast, toast
    assert (folder / "Finansiering SLK-2026-00101.xlsx").read_bytes()[:2] == b"PK"
