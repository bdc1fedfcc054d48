"""Generates assets/sample/portfolio.json, the bundled Swedish sample portfolio.

The JSON file is what the app and the tests use; this script is how it was made, kept so the sample can grow
with each capability. After running it, put the file in canonical form through the engine:
    python3 assets/sample/generate.py
    target/debug/samordna -p /tmp/s.samordna import assets/sample/portfolio.json
    target/debug/samordna -p /tmp/s.samordna export --format json --out assets/sample/portfolio.json
Random choices use a fixed seed, so the output is the same every time."""

import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "portfolio.json")
orgs = []
def org(name, kind, parent=None):
    orgs.append({"id": len(orgs)+1, "name": name, "kind": kind, "parent_id": parent})
    return len(orgs)
O = {}
for n in ["Kommunstyrelsen","Intraservice","Demokrati och medborgarservice","Inköp och upphandling","Utbildningsnämnden",
          "Grundskolenämnden","Förskolenämnden","Socialnämnd Centrum","Socialnämnd Hisingen","Socialnämnd Nordost",
          "Socialnämnd Sydväst","Äldre samt vård- och omsorgsnämnden","Nämnden för funktionsstöd","Kulturnämnden",
          "Idrotts- och föreningsnämnden","Miljö- och klimatnämnden","Kretslopp och vattennämnden","Stadsbyggnadsnämnden",
          "Stadsmiljönämnden","Stadsfastighetsnämnden"]:
    O[n] = org(n, "namnd")
O["Stadsledningskontoret"] = org("Stadsledningskontoret", "forvaltning", O["Kommunstyrelsen"])
O["Utbildningsförvaltningen"] = org("Utbildningsförvaltningen", "forvaltning", O["Utbildningsnämnden"])
O["Grundskoleförvaltningen"] = org("Grundskoleförvaltningen", "forvaltning", O["Grundskolenämnden"])
O["Äldre samt vård- och omsorgsförvaltningen"] = org("Äldre samt vård- och omsorgsförvaltningen", "forvaltning", O["Äldre samt vård- och omsorgsnämnden"])
for n, k in [("Göteborg Energi","bolag_helagt"),("Förvaltnings AB Framtiden","bolag_helagt"),("Higab","bolag_helagt"),
             ("Göteborgs Spårvägar","bolag_helagt"),("Göteborgs Hamn","bolag_helagt"),("Göteborg & Co","bolag_majoritetsagt"),
             ("Göteborgs Stads Leasing","bolag_helagt"),("Renova","bolag_majoritetsagt"),("Gryaab","bolag_majoritetsagt")]:
    O[n] = org(n, k)
O["Boplats"] = org("Boplats", "bolag_helagt", O["Förvaltnings AB Framtiden"])

providers = [
 {"id":1,"name":"Intraservice","organisation_id":O["Intraservice"],"description":"Stadens leverantör av gemensamma IT-, HR- och ekonomitjänster: digital arbetsplats, drift, lön och ekonomiservice."},
 {"id":2,"name":"Demokrati och medborgarservice","organisation_id":O["Demokrati och medborgarservice"],"description":"Kontaktcenter, e-tjänster, goteborg.se, tolkförmedling och stöd till den demokratiska processen."},
 {"id":3,"name":"Inköp och upphandling","organisation_id":O["Inköp och upphandling"],"description":"Upphandling, avtal och e-handel för nämnder och bolag."},
]
P = {"IS":1,"DMS":2,"IU":3}
labels = ["Försumbar","Måttlig","Betydande","Allvarlig","Mycket allvarlig"]
def sec(k,r,t):
    f=lambda v: None if v is None else {"level":v,"label":labels[v]}
    return {"confidentiality":f(k),"integrity":f(r),"availability":f(t)}
def kr(x): return int(round(x*100))
services=[]
def svc(name,cat,prov,price,unit,scope,level,target,s,conn,fund,state):
    services.append({"id":len(services)+1,"name":name,"category":cat,"provider_id":P[prov],"price":None if price is None else kr(price),
      "unit":unit,"scope":scope,"service_level":level,"target_group":target,"security":s,"connection_requirements":conn,
      "funding_model":fund,"state":state})
svc("E-post och kalender","bas","IS",38.50,"användare och månad","E-post, kalender och adressbok i stadens molntjänst, med skydd mot skadlig kod och skräppost.","Tillgänglighet 99,8 % per månad. Felanmälan dygnet runt.","Alla medarbetare och förtroendevalda",sec(2,2,3),"Medarbetaren har ett aktivt konto i stadens katalogtjänst.","kostnadsfordelning","i_drift")
svc("Datorarbetsplats","bas","IS",395,"dator och månad","Bärbar dator med standardprogram, säkerhetsuppdateringar och byte vart fjärde år.","Leverans inom 10 arbetsdagar. Åtgärd av fel inom 2 arbetsdagar.","Alla medarbetare med fast arbetsplats",sec(2,2,2),"Beställning via behörig beställare; datorn ansluts till stadens nät.","faktura_a_pris","i_drift")
svc("Identitets- och behörighetshantering","bas","IS",4.20,"användare och månad","Konton, inloggning med tvåfaktorsautentisering och tilldelning av behörigheter.","Tillgänglighet 99,9 % per månad.","Alla förvaltningar och bolag",sec(3,3,3),"Förvaltningen utser behörighetsadministratör.","kostnadsfordelning","i_drift")
svc("IT-servicedesk","bas","IS",61,"användare och månad","Support per telefon, chatt och e-post för stadens gemensamma IT-tjänster.","Öppet vardagar 07–18. 80 % av samtalen besvaras inom 2 minuter.","Alla medarbetare",sec(1,1,2),"","kostnadsfordelning","i_drift")
svc("Nätverk och wifi","bas","IS",None,"","Fast och trådlöst nätverk i stadens lokaler, inklusive gästnät.","Tillgänglighet 99,5 % per månad i prioriterade lokaler.","Alla förvaltningar",sec(1,2,3),"Lokalen har godkänd kanalisation och tekniskt utrymme.","kostnadsfordelning","i_drift")
svc("Lönetjänst","bas","IS",52.75,"lönespecifikation","Löneberäkning, utbetalning, skatter och avgifter samt stöd till chefer i lönefrågor.","Lön betalas ut den 25:e varje månad. Rättelser inom 5 arbetsdagar.","Alla förvaltningar och helägda bolag",sec(3,3,2),"Förvaltningen rapporterar frånvaro och förändringar senast den 5:e.","kostnadsfordelning","i_drift")
svc("Ekonomiservice – leverantörsfakturor","bas","IS",12,"faktura","Skanning, tolkning, kontering och attestflöde för leverantörsfakturor.","Fakturor bokförs inom 3 arbetsdagar.","Alla förvaltningar",sec(2,3,2),"Förvaltningen har uppdaterad attestordning.","faktura_a_pris","i_drift")
svc("Drift av verksamhetssystem","tillagg","IS",8900,"system och månad","Drift, övervakning, säkerhetskopiering och uppdatering av verksamhetens egna system.","Avtalad per system; standard tillgänglighet 99,5 %.","Förvaltningar och bolag med egna verksamhetssystem",sec(2,3,3),"Systemet har systemförvaltare och förvaltningsplan hos kunden.","faktura_a_pris","i_drift")
svc("Mobiltelefoni","tillagg","IS",149,"abonnemang och månad","Mobilabonnemang med telefon, hantering av enheter och säkerhetsinställningar.","Byte av trasig telefon inom 2 arbetsdagar.","Medarbetare som behöver mobiltelefon i tjänsten",sec(2,1,2),"","faktura_a_pris","i_drift")
svc("Utskrift och skanning","tillagg","IS",0.45,"utskriven sida","Multifunktionsskrivare med säker utskrift och skanning till e-post.","Service på plats inom 1 arbetsdag.","Förvaltningar med kontorsarbetsplatser",sec(1,1,1),"","faktura_a_pris","i_drift")
svc("Projektledare digitalisering","specialist","IS",1150,"timme","Certifierade projektledare för digitaliseringsprojekt enligt stadens projektmodell.","Start inom 4 veckor efter beställning.","Förvaltningar och bolag",sec(None,None,None),"","faktura_a_pris","i_drift")
svc("Informationssäkerhetsspecialist","specialist","IS",1240,"timme","Stöd i informationsklassning, riskanalys och säkerhetskrav vid upphandling.","Start inom 2 veckor efter beställning.","Förvaltningar och bolag",sec(None,None,None),"","faktura_a_pris","i_drift")
svc("Integrationsplattform","bas","IS",None,"","Meddelandeförmedling och API-hantering mellan stadens system.","Tillgänglighet 99,7 % per månad.","Förvaltningar med systemintegrationer",sec(2,3,3),"Integrationen dokumenteras i stadens API-katalog.","kostnadsfordelning","i_drift")
svc("E-arkiv","bas","IS",None,"","Långtidsbevarande av allmänna handlingar enligt arkivlagen, med sök och utlämnande.","Leverans av handling ur arkivet inom 1 arbetsdag.","Alla nämnder och helägda bolag",sec(3,4,1),"Arkivredovisning och leveransöverenskommelse med Stadsarkivet.","kostnadsfordelning","under_utveckling")
svc("Samarbetsplattform","bas","IS",22,"användare och månad","Gemensamma ytor för dokument, chatt och videomöten.","Tillgänglighet 99,8 % per månad.","Alla medarbetare",sec(2,2,2),"Informationen i ytan får vara klassad högst K2.","kostnadsfordelning","i_drift")
svc("Kontaktcenter","bas","DMS",None,"","Stadens gemensamma kontaktcenter för invånare per telefon, e-post och chatt.","Öppet vardagar 08–18. 70 % av ärendena löses direkt.","Invånare, företagare och besökare",sec(2,2,3),"Nämnden levererar och uppdaterar kunskapsunderlag.","kostnadsfordelning","i_drift")
svc("E-tjänsteplattform","bas","DMS",None,"","Plattform för att bygga och publicera e-tjänster med e-legitimation och koppling till verksamhetssystem.","Tillgänglighet 99,5 % per månad.","Alla nämnder",sec(3,3,2),"E-tjänsten har en utsedd e-tjänsteförvaltare.","kostnadsfordelning","i_drift")
svc("Webbpublicering goteborg.se","bas","DMS",None,"","Publiceringsverktyg, redaktörsstöd och tillgänglighetsgranskning för goteborg.se.","Publicering inom 1 arbetsdag för brådskande information.","Alla nämnder",sec(1,2,2),"","kommunbidrag","i_drift")
svc("Tolkförmedling","tillagg","DMS",795,"uppdrag","Förmedling av språk- och teckenspråkstolkar på plats och på distans.","Bekräftelse inom 2 timmar.","Förvaltningar med invånarkontakt",sec(3,2,2),"","faktura_a_pris","i_drift")
svc("Digital nämndadministration","bas","DMS",31,"ledamot och månad","Diarium, nämndhandlingar och digitala sammanträden.","Tillgänglighet 99,5 % under sammanträdestid.","Alla nämnder",sec(2,3,2),"Nämndsekreterare har genomgått utbildning.","kostnadsfordelning","i_drift")
svc("Kommunikationsstöd och klarspråk","specialist","DMS",980,"timme","Kommunikatörer och klarspråksgranskare för information till invånare.","Start inom 3 veckor.","Förvaltningar och bolag",sec(None,None,None),"","faktura_a_pris","i_drift")
svc("Upphandlingsstöd","bas","IU",None,"","Genomförande av upphandlingar och stöd i kravställning enligt LOU.","Upphandlingsplan fastställs varje kvartal.","Alla nämnder",sec(2,2,1),"Beställaren utser kravställare och avsätter tid.","kommunbidrag","i_drift")
svc("E-handel","bas","IU",3.10,"order","Beställning via e-handelssystemet med avtalsspärr och elektronisk faktura.","Tillgänglighet 99,5 % vardagar.","Alla förvaltningar",sec(1,2,2),"Beställare har behörighet i e-handelssystemet.","faktura_a_pris","i_drift")
svc("Inköpskonsult","specialist","IU",1095,"timme","Inköpsanalys, avtalsuppföljning och stöd vid direktupphandling.","Start inom 3 veckor.","Förvaltningar och bolag",sec(None,None,None),"","faktura_a_pris","i_drift")
svc("Avtalskatalog","bas","IU",None,"","Sökbar katalog över stadens ramavtal med villkor och kontaktpersoner.","Uppdateras inom 5 arbetsdagar efter nytt avtal.","Alla nämnder och bolag",sec(1,2,1),"","kommunbidrag","planerad")
svc("Stöd för elevhälsans journalsystem","verksamhetsspecifik","IS",None,"","Förvaltning och användarstöd för elevhälsans journalsystem.","Support vardagar 07–17.","Skolsköterskor, skolläkare och kuratorer",sec(4,3,2),"Användarna har behörighet via stadens IAM.","egen_budget","i_drift")
svc("Stöd för vård- och omsorgssystem","verksamhetsspecifik","IS",None,"","Förvaltning, integrationer och användarstöd för verksamhetssystemet inom äldreomsorgen.","Support dygnet runt för driftstörningar.","Äldre samt vård- och omsorgsförvaltningen",sec(4,4,3),"Tjänsten kräver avtal om personuppgiftsbiträde.","egen_budget","i_drift")

inits=[]
def ini(cn,title,desc,track,kind,owner,prov,cust,state,dev,mgmt,benefit,reuse_sol,reuse_out,laws,notes,s,fund,plan,orient,special,start=2026):
    costs=[{"year":start+i,"development":kr(d),"management":kr(m)} for i,(d,m) in enumerate(zip(dev,mgmt))]
    inits.append({"id":len(inits)+1,"case_number":cn,"title":title,"description":desc,"track":track,"kind":kind,
      "owner_id":O[owner],"provider_id":None if prov is None else P[prov],"customer_ids":sorted(O[c] for c in cust),
      "state":state,"costs":costs,"benefit_summary":benefit,"reuse_solution":reuse_sol,"reuse_outcome":reuse_out,
      "laws":laws,"legal_notes":notes,"security":s,"funding_model":fund,"long_term_plan":plan,"orientation":orient,
      "specially_followed":special})
ALLB=["Utbildningsnämnden","Grundskolenämnden","Förskolenämnden","Socialnämnd Centrum","Socialnämnd Hisingen","Socialnämnd Nordost","Socialnämnd Sydväst","Äldre samt vård- och omsorgsnämnden","Nämnden för funktionsstöd","Kulturnämnden","Stadsbyggnadsnämnden","Stadsmiljönämnden"]
SOC=["Socialnämnd Centrum","Socialnämnd Hisingen","Socialnämnd Nordost","Socialnämnd Sydväst"]
SK=["Utbildningsnämnden","Grundskolenämnden","Förskolenämnden"]
LAW_BASE=["offentlighets_och_sekretesslagen","arkivlagen","dataskyddsforordningen","dataskyddslagen"]
ini("SLK-2026-00101","Ny e-tjänsteplattform","Nuvarande e-tjänsteplattform når slutet av sin livslängd 2027. Insatsen upphandlar och inför en ny plattform med e-legitimation, ombudshantering och standardiserade integrationer till verksamhetssystemen.","gemensam","ny_gemensam_tjanst","Demokrati och medborgarservice","DMS",ALLB,"varderad",[4200000,3100000,0,0],[0,1850000,2400000,2400000],"Invånare kan sköta fler ärenden digitalt dygnet runt. Beräknad minskning av manuell registrering motsvarande 14 årsarbetare.","E-tjänsteplattform","delvis",["forvaltningslagen","dos_lagen","lou"]+LAW_BASE,"Plattformen ska uppfylla kraven i lagen om tillgänglighet till digital offentlig service (WCAG 2.1 AA).",sec(3,3,2),"kostnadsfordelning","Plattformen förvaltas av Demokrati och medborgarservice med en gemensam förvaltningsgrupp. Avtalstid 4+2 år.","effektivisering",True)
ini("SLK-2026-00102","Automatiserad tolkning av leverantörsfakturor","Fakturatolkning med maskininlärning ersätter manuell kontering av pappers- och PDF-fakturor.","gemensam","forandringsinsats","Intraservice","IS",ALLB,"prioriterad",[950000,0,0,0],[120000,240000,240000,240000],"Halverad handläggningstid per faktura; frigjord tid motsvarande 6 årsarbetare.","Ekonomiservice – leverantörsfakturor","delvis",["lkbr","arkivlagen"],"",sec(2,3,2),"faktura_a_pris","Ingår i ekonomiservicens ordinarie förvaltning från 2027.","effektivisering",False)
ini("SLK-2026-00103","Stadsgemensam e-underskrift","Gemensam tjänst för avancerad elektronisk underskrift av avtal, beslut och protokoll.","gemensam","ny_gemensam_tjanst","Kommunstyrelsen","DMS",ALLB+["Göteborg Energi","Förvaltnings AB Framtiden","Higab"],"beredd",[780000,0,0,0],[0,310000,325000,340000],"Kortare ledtider för avtal och beslut; minskade kostnader för porto och utskrift.","","ej_kontrollerad",["forvaltningslagen","arkivlagen","dataskyddsforordningen"],"Underskrifterna ska vara avancerade enligt eIDAS-förordningen.",sec(2,4,2),"kostnadsfordelning","","effektivisering",False)
ini("SLK-2026-00104","E-arkiv steg 2: avslutade ärenden","Leverans av avslutade ärenden från verksamhetssystem till e-arkivet och gallring i källsystemen.","gemensam","forandringsinsats","Kommunstyrelsen","IS",ALLB,"ram_beslutad",[2600000,2100000,1400000,0],[450000,700000,900000,950000],"Lagkrav enligt arkivlagen. Minskade lagringskostnader i verksamhetssystemen.","E-arkiv","kan_ateranvandas",["arkivlagen","offentlighets_och_sekretesslagen","dataskyddsforordningen"],"Gallringsbeslut krävs per verksamhetssystem innan leverans.",sec(3,4,1),"kostnadsfordelning","Stegvis anslutning av 24 verksamhetssystem till och med 2028.","effektivisering",True)
ini("SLK-2026-00105","Gemensam identitets- och behörighetshantering","Samlad IAM-lösning för medarbetare, med automatiskt livscykelflöde från HR-systemet.","gemensam","forandringsinsats","Intraservice","IS",ALLB,"utveckla",[1900000,1200000,0,0],[300000,650000,650000,650000],"Konton skapas och avslutas automatiskt; färre behörighetsfel och minskad risk för obehörig åtkomst.","Identitets- och behörighetshantering","delvis",["dataskyddsforordningen","offentlighets_och_sekretesslagen"],"",sec(3,3,3),"kostnadsfordelning","","effektivisering",True,2025)
ini("SLK-2026-00106","API-katalog och integrationsstandard","Publicering av stadens API:er i en gemensam katalog med standard för versionering och säkerhet.","gemensam","forandringsinsats","Intraservice","IS",["Intraservice","Demokrati och medborgarservice","Stadsbyggnadsnämnden","Kretslopp och vattennämnden"],"analys",[650000,250000,0,0],[0,180000,180000,180000],"Snabbare och billigare integrationer; återanvändning av befintliga API:er.","Integrationsplattform","kan_ateranvandas",[],"",sec(1,3,2),"kostnadsfordelning","","innovation",False)
ini("SLK-2026-00107","Förstudie: plattform för dataanalys och öppna data","Förstudie om en gemensam analysplattform och publicering av öppna data enligt öppna data-lagen.","gemensam","forstudie","Kommunstyrelsen","IS",[],"beslutad_av_ssg",[400000,0,0,0],[0,0,0,0],"Underlag för beslut om gemensam dataplattform.","","ej_kontrollerad",["offentlighets_och_sekretesslagen","dataskyddsforordningen"],"Lagen (2022:818) om den offentliga sektorns tillhandahållande av data ska beaktas.",sec(None,None,None),"kommunbidrag","","innovation",False)
ini("SLK-2026-00108","Digital brevlåda för utskick till invånare","Beslut och brev skickas till invånarnas digitala brevlåda via Mina meddelanden i stället för papperspost.","gemensam","forandringsinsats","Demokrati och medborgarservice","DMS",SOC+["Utbildningsnämnden","Stadsbyggnadsnämnden","Miljö- och klimatnämnden"],"underlag_klart",[560000,0,0,0],[90000,140000,140000,140000],"Minskade portokostnader med cirka 1,9 miljoner kronor per år.","","ej_ateranvandbar",["forvaltningslagen","offentlighets_och_sekretesslagen","dataskyddsforordningen"],"",sec(3,3,1),"kostnadsfordelning","","effektivisering",False)
ini("SLK-2026-00109","AI-stöd i kontaktcenter","Chattbot och stöd för handläggare i kontaktcentret som föreslår svar ur kunskapsbanken.","gemensam","forandringsinsats","Demokrati och medborgarservice","DMS",["Demokrati och medborgarservice"],"identifierad",[1300000,600000,0,0],[0,420000,420000,420000],"Fler frågor besvaras direkt; kortare väntetider i telefon.","Kontaktcenter","delvis",["dataskyddsforordningen","offentlighets_och_sekretesslagen","dos_lagen"],"Krav enligt EU:s AI-förordning ska bedömas i förstudien.",sec(2,2,2),"kostnadsfordelning","","innovation",False)
ini("SLK-2026-00110","Uppgradering av lönesystemet","Lönesystemet uppgraderas till leverantörens molnversion.","gemensam","forandringsinsats","Intraservice","IS",ALLB,"initiera",[3400000,1600000,0,0],[0,900000,1100000,1100000],"Bibehållen lönesäkerhet; modernare självservice för medarbetare.","Lönetjänst","kan_ateranvandas",["dataskyddsforordningen","lkbr","arkivlagen"],"",sec(3,3,2),"kostnadsfordelning","","effektivisering",True)
ini("SLK-2026-00111","Schemaläggning och tidrapportering","Gemensam lösning för schemaläggning, tidrapportering och bemanning i verksamheter med schemalagd personal.","gemensam","ny_gemensam_tjanst","Intraservice","IS",["Äldre samt vård- och omsorgsnämnden","Nämnden för funktionsstöd","Förskolenämnden"]+SOC,"i_budgetunderlag",[5200000,3800000,900000,0],[0,1200000,2600000,2700000],"Minskade kostnader för timvikarier och övertid; bättre arbetsmiljö.","","ej_ateranvandbar",["lou","dataskyddsforordningen"],"",sec(2,3,3),"kostnadsfordelning","","effektivisering",True)
ini("SLK-2026-00112","Förstudie: gemensam bokning av lokaler","Förstudie om en bokningsplattform för stadens lokaler, idrottsanläggningar och mötesrum.","gemensam","forstudie","Idrotts- och föreningsnämnden","DMS",[],"beslutad_av_ssg",[350000,0,0,0],[0,0,0,0],"Underlag för val mellan ny gemensam tjänst och utökning av befintligt system.","Bokningssystem i Idrotts- och föreningsförvaltningen","delvis",[],"",sec(None,None,None),"kommunbidrag","","effektivisering",False)
ini("SLK-2026-00113","Säker videokommunikation med invånare","Videomöten med e-legitimation för samtal som omfattas av sekretess.","gemensam","forandringsinsats","Socialnämnd Centrum","IS",SOC+["Nämnden för funktionsstöd"],"aterremitterad",[420000,0,0,0],[60000,180000,180000,180000],"Färre resor för invånare och handläggare; tillgängligare socialtjänst.","Samarbetsplattform","delvis",["offentlighets_och_sekretesslagen","dataskyddsforordningen"],"Lösningen får inte innebära tredjelandsöverföring av personuppgifter.",sec(4,3,2),"kostnadsfordelning","","innovation",False)
ini("SLK-2026-00114","Trådlöst nät i skolor och förskolor","Utbyggnad av wifi med full täckning i samtliga skol- och förskolelokaler.","gemensam","forandringsinsats","Grundskolenämnden","IS",SK,"implementera",[6800000,0,0,0],[900000,1400000,1400000,1400000],"Förutsättning för digitala prov och lärplattform.","Nätverk och wifi","kan_ateranvandas",[],"",sec(1,2,3),"kostnadsfordelning","","effektivisering",False,2025)
ini("SLK-2026-00115","Tillgänglighetsanpassning av goteborg.se","Åtgärder så att goteborg.se uppfyller WCAG 2.1 AA och tillgänglighetsredogörelsen kan uppdateras.","gemensam","forandringsinsats","Demokrati och medborgarservice","DMS",[],"prioriterad",[900000,0,0,0],[0,0,0,0],"Lagkrav. Fler invånare kan ta del av information utan hinder.","Webbpublicering goteborg.se","kan_ateranvandas",["dos_lagen"],"Lagen om tillgänglighet till digital offentlig service gäller goteborg.se fullt ut.",sec(1,2,2),"kommunbidrag","","effektivisering",False)
ini("SLK-2026-00116","Förstudie: hantering av personuppgiftsincidenter","Förstudie om ett gemensamt flöde för anmälan och utredning av personuppgiftsincidenter.","gemensam","forstudie","Kommunstyrelsen","IS",[],"underlag_klart",[250000,0,0,0],[0,0,0,0],"Snabbare anmälan till IMY inom 72 timmar.","","ej_kontrollerad",["dataskyddsforordningen","dataskyddslagen"],"",sec(3,3,1),"kommunbidrag","","effektivisering",False)
ini("SLK-2026-00117","Gemensamt ärendehanterings- och diariesystem","Upphandling av ett gemensamt diarie- och ärendehanteringssystem för nämnder och förvaltningar.","gemensam","ny_gemensam_tjanst","Demokrati och medborgarservice","DMS",ALLB,"leverantorsnamnd_informerad",[7500000,4200000,1500000,0],[0,1600000,3100000,3300000],"Ett system i stället för elva; enklare utlämnande av allmänna handlingar.","Digital nämndadministration","ej_ateranvandbar",["forvaltningslagen","offentlighets_och_sekretesslagen","arkivlagen","kommunallagen","lou"],"",sec(3,3,2),"kostnadsfordelning","Avveckling av nuvarande diarier i takt med anslutning 2027–2029.","effektivisering",True)
ini("SLK-2026-00118","Klientplattform Windows 11","Migrering av samtliga datorarbetsplatser till Windows 11 med nytt säkerhetskoncept.","gemensam","forandringsinsats","Intraservice","IS",ALLB,"avslutad",[2900000,0,0,0],[0,0,0,0],"Fortsatt säkerhetsuppdaterade datorer.","Datorarbetsplats","kan_ateranvandas",[],"",sec(2,2,2),"faktura_a_pris","","effektivisering",False,2025)
ini("SLK-2026-00119","E-handel för fler varugrupper","Utökning av e-handeln till livsmedel, IT-tillbehör och kontorsmöbler.","gemensam","forandringsinsats","Inköp och upphandling","IU",ALLB,"forvalta",[300000,0,0,0],[70000,70000,70000,70000],"Högre avtalstrohet; färre manuella fakturor.","E-handel","kan_ateranvandas",["lou"],"",sec(1,2,2),"faktura_a_pris","","effektivisering",False,2025)
ini("SLK-2026-00120","Sökbar avtalsdatabas","Avtalskatalogen görs sökbar för alla medarbetare med villkor, priser och kontaktpersoner.","gemensam","ny_gemensam_tjanst","Inköp och upphandling","IU",ALLB+["Göteborg Energi","Higab"],"inlamnad",[480000,0,0,0],[0,95000,95000,95000],"Minskade otillåtna direktupphandlingar.","Avtalskatalog","delvis",["lou","offentlighets_och_sekretesslagen"],"",sec(1,2,1),"kommunbidrag","","effektivisering",False)
ini("SLK-2026-00121","Tillgänglighetsgranskning som tjänst","Verktyg och stöd för automatiserad och manuell tillgänglighetsgranskning av webbplatser och e-tjänster.","gemensam","ny_gemensam_tjanst","Demokrati och medborgarservice","DMS",ALLB,"ej_prioriterad",[350000,0,0,0],[0,210000,210000,210000],"Färre brister mot lagen om tillgänglighet till digital offentlig service.","","ej_kontrollerad",["dos_lagen"],"",sec(0,1,1),"kostnadsfordelning","","effektivisering",False)
ini("SLK-2026-00122","Digitala nämndhandlingar och omröstning","Läsplatta med handlingar och digital omröstning för förtroendevalda.","gemensam","forandringsinsats","Kommunstyrelsen","DMS",ALLB,"analys",[600000,0,0,0],[0,260000,260000,260000],"Minskade utskrifter; snabbare utskick av handlingar.","Digital nämndadministration","delvis",["kommunallagen","offentlighets_och_sekretesslagen"],"",sec(2,3,2),"kostnadsfordelning","","innovation",False)
ini("SLK-2026-00123","Förstudie: mobil arbetsplats i hemtjänsten","Förstudie om mobila enheter och inloggning för medarbetare utan fast dator, främst i hemtjänsten.","gemensam","forstudie","Äldre samt vård- och omsorgsnämnden","IS",[],"identifierad",[300000,0,0,0],[0,0,0,0],"Medarbetare kan dokumentera på plats hos brukaren.","Mobiltelefoni","delvis",["dataskyddsforordningen","offentlighets_och_sekretesslagen"],"",sec(4,3,2),"kommunbidrag","","innovation",False)
ini("SLK-2026-00124","Kompetensportal för e-lärande","Gemensam plattform för e-utbildningar, med obligatoriska utbildningar inom informationssäkerhet och dataskydd.","gemensam","ny_gemensam_tjanst","Intraservice","IS",ALLB,"varderad",[1100000,0,0,0],[0,380000,380000,380000],"Samlad uppföljning av obligatoriska utbildningar.","","ej_ateranvandbar",["dataskyddsforordningen","dos_lagen"],"",sec(2,2,1),"kostnadsfordelning","","effektivisering",False)
ini("SLK-2026-00125","Gemensam säkerhetsövervakning (SOC)","Central loggning och säkerhetsövervakning dygnet runt för stadens gemensamma IT-miljö.","gemensam","ny_gemensam_tjanst","Intraservice","IS",ALLB+["Göteborg Energi","Göteborgs Hamn","Gryaab"],"varderad",[2800000,900000,0,0],[0,2200000,2300000,2300000],"Snabbare upptäckt och hantering av säkerhetsincidenter.","","ej_ateranvandbar",["dataskyddsforordningen","offentlighets_och_sekretesslagen"],"Cybersäkerhetslagen (NIS 2) ställer krav på incidentrapportering för vissa verksamheter.",sec(4,4,4),"kostnadsfordelning","","effektivisering",True)
ini("SLK-2026-00126","Utredning: molntjänster och tredjelandsöverföring","Gemensamma riktlinjer och bedömningsmall för användning av molntjänster.","gemensam","forstudie","Kommunstyrelsen","IS",[],"avbruten",[200000,0,0,0],[0,0,0,0],"Enhetliga bedömningar i stället för en per förvaltning.","","ej_kontrollerad",["dataskyddsforordningen","offentlighets_och_sekretesslagen"],"Utredningen avbröts; frågan hanteras i stadens arbete med informationssäkerhetsriktlinjer.",sec(None,None,None),"kommunbidrag","","effektivisering",False)
ini("SLK-2026-00127","Digital introduktion av nyanställda","Automatiserat flöde från anställningsbeslut till konto, dator och introduktionsutbildning.","gemensam","forandringsinsats","Intraservice","IS",ALLB,"prioriterad",[720000,0,0,0],[80000,150000,150000,150000],"Nyanställda har dator och konto första dagen.","Identitets- och behörighetshantering","delvis",["dataskyddsforordningen"],"",sec(2,2,2),"kostnadsfordelning","","effektivisering",False)
ini("SLK-2026-00128","Öppna data-portal","Publicering av öppna data om trafik, miljö och lokaler i en gemensam portal.","gemensam","ny_gemensam_tjanst","Stadsbyggnadsnämnden","DMS",["Stadsbyggnadsnämnden","Stadsmiljönämnden","Miljö- och klimatnämnden","Kretslopp och vattennämnden"],"ej_finansierad",[850000,0,0,0],[0,240000,240000,240000],"Ökad transparens och möjlighet för företag att bygga tjänster.","","ej_kontrollerad",["offentlighets_och_sekretesslagen"],"",sec(0,2,1),"kommunbidrag","","innovation",False)
ini("UBF-2026-00031","Nytt journalsystem för elevhälsan","Upphandling av nytt journalsystem för elevhälsans medicinska och psykosociala insats.","verksamhetsspecifik","forandringsinsats","Utbildningsnämnden","IS",["Utbildningsnämnden","Grundskolenämnden"],"beslutad_av_egen_namnd",[1800000,600000,0,0],[250000,520000,520000,520000],"Patientsäker dokumentation och bättre stöd till elever.","Stöd för elevhälsans journalsystem","ej_ateranvandbar",["dataskyddsforordningen","offentlighets_och_sekretesslagen","arkivlagen","lou"],"Patientdatalagen gäller för den medicinska insatsen.",sec(4,4,2),"egen_budget","","effektivisering",False)
ini("GRF-2026-00212","Lärplattform för grundskolan","Gemensam lärplattform med planering, bedömning och vårdnadshavarkontakt.","verksamhetsspecifik","forandringsinsats","Grundskolenämnden",None,["Grundskolenämnden"],"utveckla",[2400000,800000,0,0],[600000,1100000,1100000,1100000],"Samlad information till vårdnadshavare; mindre administration för lärare.","Gymnasieskolans lärplattform","delvis",["dataskyddsforordningen","dos_lagen","offentlighets_och_sekretesslagen"],"",sec(3,3,2),"egen_budget","","innovation",False,2025)
ini("AVO-2026-00087","Digitala trygghetslarm och nattillsyn med kamera","Övergång till digitala trygghetslarm och erbjudande om nattillsyn via kamera.","verksamhetsspecifik","forandringsinsats","Äldre samt vård- och omsorgsnämnden","IS",["Äldre samt vård- och omsorgsnämnden"],"implementera",[1500000,0,0,0],[400000,800000,800000,800000],"Färre nattliga besök som stör; frigjord tid i hemtjänsten.","Stöd för vård- och omsorgssystem","delvis",["dataskyddsforordningen","offentlighets_och_sekretesslagen"],"Samtycke krävs för kameratillsyn enligt socialtjänstlagen.",sec(4,4,4),"egen_budget","","innovation",True,2025)
ini("FSK-2026-00014","Digitala verktyg i förskolan","Läsplattor och pedagogiska appar i alla förskolor, med gemensam enhetshantering.","verksamhetsspecifik","forandringsinsats","Förskolenämnden",None,["Förskolenämnden"],"forvalta",[900000,0,0,0],[350000,350000,350000,350000],"Likvärdig tillgång till digitala verktyg i förskolan.","","ej_kontrollerad",["dataskyddsforordningen"],"",sec(1,1,1),"egen_budget","","innovation",False,2025)
ini("SNO-2026-00145","Automatiserad handläggning av ekonomiskt bistånd","Regelstyrd automatisering av återansökningar om ekonomiskt bistånd.","verksamhetsspecifik","forandringsinsats","Socialnämnd Nordost",None,["Socialnämnd Nordost"],"analys",[1200000,300000,0,0],[0,260000,260000,260000],"Snabbare beslut för invånare; handläggare får mer tid för motiverande samtal.","Automatiserad handläggning i Trelleborgs kommun","delvis",["forvaltningslagen","dataskyddsforordningen","offentlighets_och_sekretesslagen"],"Automatiserat beslutsfattande kräver stöd i förvaltningslagen 28 §.",sec(4,3,2),"egen_budget","","innovation",False)
ini("KOV-2026-00058","Sensorer för vattenkvalitet i ledningsnätet","Uppkopplade sensorer som mäter tryck och kvalitet i dricksvattennätet.","verksamhetsspecifik","forandringsinsats","Kretslopp och vattennämnden",None,["Kretslopp och vattennämnden"],"initiera",[2100000,0,0,0],[0,310000,310000,310000],"Tidigare upptäckt av läckor och föroreningar.","","ej_ateranvandbar",["lou"],"Krav enligt säkerhetsskyddslagen bedöms för styrsystemen.",sec(2,4,4),"egen_budget","","innovation",False)
ini("SBK-2026-00301","Digital bygglovsprocess med 3D-modell","Bygglovsansökningar granskas mot stadens 3D-modell och detaljplaner i digitalt format.","verksamhetsspecifik","forandringsinsats","Stadsbyggnadsnämnden",None,["Stadsbyggnadsnämnden"],"underlag_klart",[3100000,1400000,0,0],[0,500000,700000,700000],"Kortare handläggningstid för bygglov; färre kompletteringar.","","ej_kontrollerad",["forvaltningslagen","offentlighets_och_sekretesslagen"],"",sec(1,3,2),"egen_budget","","innovation",False)
ini("MKF-2026-00044","Mobil tillsyn","Inspektörer dokumenterar tillsynsbesök på plats i en mobil app kopplad till ärendesystemet.","verksamhetsspecifik","forandringsinsats","Miljö- och klimatnämnden",None,["Miljö- och klimatnämnden"],"identifierad",[450000,0,0,0],[0,90000,90000,90000],"Färre dubbelregistreringar; fler tillsynsbesök per inspektör.","","ej_kontrollerad",["forvaltningslagen","offentlighets_och_sekretesslagen"],"",sec(2,2,1),"egen_budget","","effektivisering",False)
ini("KUF-2026-00019","Meröppna bibliotek","Självbetjäning med passersystem så att fyra stadsdelsbibliotek kan hålla öppet kvällar och helger.","verksamhetsspecifik","forandringsinsats","Kulturnämnden",None,["Kulturnämnden"],"utvarderad",[700000,0,0,0],[120000,120000,120000,120000],"Öppettiderna ökade med 40 timmar per vecka per bibliotek.","Meröppet i Stockholms stad","delvis",["dataskyddsforordningen"],"",sec(1,1,2),"egen_budget","","innovation",False,2024)
ini("IOF-2026-00066","Bokning av idrottsanläggningar","Ersättning av nuvarande bokningssystem för idrottshallar och planer.","verksamhetsspecifik","forandringsinsats","Idrotts- och föreningsnämnden",None,["Idrotts- och föreningsnämnden"],"avbruten",[600000,0,0,0],[0,150000,150000,150000],"Föreningar bokar och betalar själva.","","ej_kontrollerad",["lou"],"Avbruten i väntan på förstudien om gemensam bokning (SLK-2026-00112).",sec(1,1,2),"egen_budget","","effektivisering",False)
ini("SFN-2026-00102","Digital tvilling för stadens fastigheter","Byggnadsinformation i en digital tvilling för drift, underhåll och energiuppföljning.","verksamhetsspecifik","forandringsinsats","Stadsfastighetsnämnden",None,["Stadsfastighetsnämnden"],"analys",[1600000,1000000,0,0],[0,330000,330000,330000],"Lägre energianvändning och bättre planerat underhåll.","","ej_kontrollerad",["lou"],"",sec(2,2,2),"egen_budget","","innovation",False)
ini("SMN-2026-00077","Digitala parkeringstillstånd","Parkeringstillstånd för rörelsehindrade söks och utfärdas digitalt.","verksamhetsspecifik","forandringsinsats","Stadsmiljönämnden","DMS",["Stadsmiljönämnden"],"forvalta",[380000,0,0,0],[65000,65000,65000,65000],"Handläggningstiden har gått från sex till två veckor.","E-tjänsteplattform","kan_ateranvandas",["forvaltningslagen","dataskyddsforordningen","dos_lagen"],"",sec(3,2,1),"egen_budget","","effektivisering",False,2024)
ini("GEN-2026-00009","Smarta elmätare med timvis avläsning","Byte till nästa generations elmätare med timvis mätning enligt ellagens krav.","verksamhetsspecifik","forandringsinsats","Göteborg Energi",None,["Göteborg Energi"],"utveckla",[48000000,36000000,12000000,0],[0,2500000,4000000,4000000],"Lagkrav; kunderna kan följa och styra sin förbrukning.","","ej_kontrollerad",["lou","dataskyddsforordningen","aktiebolagslagen"],"Krav enligt ellagen och förordningen om mätning av el.",sec(2,3,4),"egen_budget","","effektivisering",False,2025)
ini("FRA-2026-00021","Digital hyresgästportal","Gemensam portal för felanmälan, tvättstugebokning och hyresavier för Framtidenkoncernens bostadsbolag.","verksamhetsspecifik","ny_gemensam_tjanst","Förvaltnings AB Framtiden",None,["Förvaltnings AB Framtiden","Boplats"],"beslutad_av_egen_namnd",[3600000,1200000,0,0],[0,900000,950000,950000],"Färre samtal till kundtjänst; nöjdare hyresgäster.","","ej_ateranvandbar",["lou","dataskyddsforordningen","aktiebolagslagen","dos_lagen"],"",sec(2,2,2),"egen_budget","","effektivisering",False)
ini("GSP-2026-00033","Realtidsinformation ombord på spårvagnar","Nya skärmar och system för realtidsinformation om avgångar och störningar.","verksamhetsspecifik","forandringsinsats","Göteborgs Spårvägar",None,["Göteborgs Spårvägar"],"identifierad",[9500000,4000000,0,0],[0,1100000,1100000,1100000],"Bättre information till resenärer vid störningar.","","ej_kontrollerad",["lou","aktiebolagslagen"],"",sec(0,2,3),"egen_budget","","innovation",False)
ini("SLK-2026-00129","Gemensam funktion för informationsklassning","Verktyg och metodstöd för informationsklassning enligt stadens modell, med register över klassade informationstillgångar.","gemensam","ny_gemensam_tjanst","Kommunstyrelsen","IS",ALLB,"identifierad",[540000,0,0,0],[0,160000,160000,160000],"Enhetlig klassning; säkerhetskrav ställs tidigt i upphandlingar.","Informationssäkerhetsspecialist","delvis",["dataskyddsforordningen","offentlighets_och_sekretesslagen","arkivlagen"],"",sec(2,2,1),"kostnadsfordelning","","effektivisering",False)

LAWORDER=["kommunallagen","aktiebolagslagen","arsredovisningslagen","offentlighets_och_sekretesslagen","forvaltningslagen","arkivlagen","dataskyddsforordningen","lou","lkbr","dos_lagen","dataskyddslagen"]
for i in inits:
    i["laws"]=sorted(set(i["laws"]),key=LAWORDER.index)
data={"format":"samordna-portfolio","format_version":1,"security_scale":labels,"organisations":orgs,"providers":providers,"services":services,"initiatives":inits}
print(len(orgs),len(services),len(inits))
json.dump(data,open(OUT,"w"),ensure_ascii=False,indent=2)
open(OUT,"a").write("\n")

# ---------- version 2: members, criteria, scores, pairwise, gates, scenario ----------
import random, math
rng = random.Random(20261126)
data["format_version"] = 2
orgid = O
members_def = [("Karin Ekström","Stadsledningskontoret"),("Johan Lindberg","Intraservice"),("Maria Haddad","Demokrati och medborgarservice"),
               ("Anders Nyström","Inköp och upphandling"),("Sofia Bergqvist","Utbildningsförvaltningen"),("Ahmed Rashid","Äldre samt vård- och omsorgsförvaltningen"),
               ("Elin Sandberg","Socialnämnd Hisingen"),("Peter Wallin","Förvaltnings AB Framtiden"),("Lena Holm","Stadsbyggnadsnämnden")]
members = [{"id": i+1, "name": n, "organisation_id": orgid[o]} for i,(n,o) in enumerate(members_def)]
crit_def = [
 ("Strategisk förankring","Hur väl insatsen bidrar till stadens mål och digitaliseringsstrategi.","Nytta","hogre_ar_battre",0.18,False,
  ["Saknar koppling till stadens mål","Svag koppling till ett mål","Stödjer ett mål i stadens digitaliseringsstrategi","Tydligt bidrag till flera mål","Avgörande för att nå ett prioriterat mål i budgeten"]),
 ("Nytta för invånare","Nytta för invånare, företag och besökare.","Nytta","hogre_ar_battre",0.16,False,
  ["Ingen märkbar nytta","Liten nytta för en mindre grupp","Tydlig nytta för en grupp invånare","Tydlig nytta för många invånare","Stor nytta för alla eller för utsatta grupper"]),
 ("Verksamhetsnytta","Frigjord tid och minskade kostnader i verksamheten, i kronor per år.","Nytta","hogre_ar_battre",0.14,False,
  ["Ingen mätbar verksamhetsnytta","Under 0,5 mnkr per år","0,5–2 mnkr per år","2–5 mnkr per år","Över 5 mnkr per år"]),
 ("Räckvidd i staden","Hur stor del av kommunkoncernen som får nytta av insatsen.","Nytta","hogre_ar_battre",0.10,False,
  ["En enhet","En förvaltning eller ett bolag","Några förvaltningar","Många förvaltningar och bolag","Hela kommunkoncernen"]),
 ("Ekonomi","Nuvärde och återbetalningstid över planeringsperioden.","Ekonomi","hogre_ar_battre",0.10,False,
  ["Negativt nuvärde, ingen återbetalning","Återbetalning efter mer än 8 år","Återbetalning inom 5–8 år","Återbetalning inom 3–5 år","Återbetalning inom 3 år"]),
 ("Risk inklusive informationssäkerhet","Samlad risk: teknik, leverantör, genomförande och krav på informationssäkerhet.","Genomförande","lagre_ar_battre",0.10,True,
  ["Låg risk, beprövad lösning","Begränsad risk","Måttlig risk med hanterbara säkerhetskrav","Hög risk eller höga säkerhetskrav","Mycket hög risk, osäker teknik eller leverantör"]),
 ("Genomförbarhet","Finns resurser, kompetens, leverantör och mottagande organisation?","Genomförande","hogre_ar_battre",0.08,False,
  ["Förutsättningar saknas","Viktiga förutsättningar saknas","Förutsättningar finns delvis","Goda förutsättningar","Allt finns på plats för att starta"]),
 ("Angelägenhetsgrad","Hur bråttom det är: avtal som löper ut, lagkrav med datum, akuta behov.","Genomförande","hogre_ar_battre",0.08,False,
  ["Kan vänta flera år","Bör göras inom planeringsperioden","Bör starta nästa år","Brådskande","Måste starta omedelbart"]),
 ("Återanvändning och arkitektur","Följer stadens arkitektur och återanvänder eller skapar gemensamma komponenter.","Arkitektur","hogre_ar_battre",0.06,False,
  ["Speciallösning som strider mot arkitekturen","Svag passform mot arkitekturen","Följer arkitekturen","Återanvänder befintliga komponenter","Skapar en gemensam komponent som andra kan återanvända"]),
]
criteria = []
for k,(name,desc,cat,direction,w,risk,anchors) in enumerate(crit_def):
    criteria.append({"id": k+1, "name": name, "description": desc, "category": cat, "scale_min": 0, "scale_max": 4,
                     "anchors": anchors, "direction": direction, "weight": w, "is_risk": risk})
case_to_id = {i["case_number"]: i["id"] for i in inits}
set_cases = ["SLK-2026-00101","SLK-2026-00102","SLK-2026-00103","SLK-2026-00104","SLK-2026-00106","SLK-2026-00108","SLK-2026-00109",
             "SLK-2026-00111","SLK-2026-00113","SLK-2026-00115","SLK-2026-00116","SLK-2026-00117","SLK-2026-00120","SLK-2026-00121",
             "SLK-2026-00122","SLK-2026-00124","SLK-2026-00125","SLK-2026-00127","SLK-2026-00129","SLK-2026-00105"]
# true profiles: strategic, residents, business, reach, economy, risk(lower better), feasibility, urgency, reuse
profiles = {
 "SLK-2026-00101": [3.6,3.4,3.0,3.8,2.4,2.6,2.6,3.6,3.2],
 "SLK-2026-00102": [2.2,0.6,3.6,3.0,3.8,1.2,3.4,2.2,3.0],
 "SLK-2026-00103": [2.8,2.0,2.6,3.8,3.0,1.4,3.2,2.4,3.6],
 "SLK-2026-00104": [3.0,1.2,2.2,4.0,2.0,1.8,3.0,3.8,3.2],
 "SLK-2026-00106": [2.6,0.8,2.4,2.4,2.6,1.0,3.0,1.4,3.8],
 "SLK-2026-00108": [2.4,3.0,2.8,2.6,3.6,1.2,3.2,2.0,2.8],
 "SLK-2026-00109": [2.6,3.2,2.6,1.4,2.2,3.0,2.0,1.8,2.0],
 "SLK-2026-00111": [3.0,1.8,3.4,2.8,2.8,2.8,1.8,2.6,2.2],
 "SLK-2026-00113": [2.2,3.0,1.6,1.8,1.8,2.6,2.4,2.0,2.4],
 "SLK-2026-00115": [3.0,3.6,1.0,2.2,1.2,0.8,3.6,3.8,2.6],
 "SLK-2026-00116": [2.4,1.6,1.6,3.2,1.4,0.8,3.4,2.6,2.6],
 "SLK-2026-00117": [3.2,2.2,3.2,3.6,2.4,3.2,2.0,2.8,3.4],
 "SLK-2026-00120": [1.8,0.4,1.8,2.8,2.6,0.6,3.6,1.2,3.0],
 "SLK-2026-00121": [2.0,2.6,1.2,2.4,1.2,1.0,3.2,1.6,2.8],
 "SLK-2026-00122": [2.0,1.0,2.0,2.0,2.2,1.6,2.8,1.4,2.0],
 "SLK-2026-00124": [2.4,0.6,2.2,3.6,2.4,1.0,3.2,1.8,2.6],
 "SLK-2026-00125": [3.6,1.6,1.8,3.8,1.0,3.4,1.8,3.6,3.0],
 "SLK-2026-00127": [2.4,0.8,2.6,3.2,3.2,1.0,3.4,2.0,3.2],
 "SLK-2026-00129": [2.8,1.0,1.6,3.4,1.6,0.8,3.0,2.4,3.4],
 "SLK-2026-00105": [3.2,1.0,3.0,4.0,2.6,2.2,3.0,3.2,3.6],
}
bias = {1:0.0, 2:0.3, 3:0.1, 4:-0.3, 5:0.2, 6:-0.1, 7:0.1, 8:-0.4, 9:0.0}
# deliberate disagreements: (case, criterion index, {member: (score, comment)})
disagree = {
 ("SLK-2026-00109", 5): {1:(4,"AI-förordningen och behandling av personuppgifter i chatten gör risken hög tills förstudien är klar."),
                         3:(1,"Leverantörens lösning används redan av flera kommuner; risken är begränsad."),
                         7:(4,"Invånare i socialtjänsten kan lämna känsliga uppgifter i chatten. Hög risk."),
                         2:(2,"")},
 ("SLK-2026-00111", 6): {2:(4,"Intraservice har leverantören upphandlad och projektorganisation på plats."),
                         6:(0,"Vården har inte resurser att införa nytt schemasystem under 2027 samtidigt som journalbytet."),
                         7:(1,"Socialtjänsten behöver först rensa sina schemamallar.")},
 ("SLK-2026-00125", 4): {1:(0,"Ingen direkt återbetalning; detta är en säkerhetsinvestering."),
                         2:(3,"Räknar vi in undvikna incidenter (jfr incidenten 2024) återbetalas den på några år."),
                         8:(0,"")},
 ("SLK-2026-00117", 1): {3:(4,"Enklare att begära ut allmänna handlingar för alla invånare."),
                         5:(1,"Invånarna märker knappt bytet av diarium."),
                         9:(3,"")},
 ("SLK-2026-00101", 7): {8:(1,"Nuvarande plattform kan förlängas två år enligt avtalet."),
                         3:(4,"Avtalet löper ut 2027 och kan inte förlängas utan ny upphandling."),
                         1:(4,"")},
}
scores = []
sid = 1
for case in set_cases:
    iid = case_to_id[case]
    for k in range(9):
        for m in members:
            mid = m["id"]
            key=(case,k)
            comment=""
            if key in disagree and mid in disagree[key]:
                v, comment = disagree[key][mid]
            else:
                if rng.random() < 0.04:
                    v = None
                else:
                    true = profiles[case][k] + (bias[mid] if k != 5 else -bias[mid])
                    v = int(max(0, min(4, round(true + rng.gauss(0, 0.55)))))
            scores.append({"id": sid, "criterion_id": k+1, "initiative_id": iid, "member_id": mid, "value": v, "comment": comment})
            sid += 1
# pairwise: three complete members and one partial
SAATY=[1/9,1/8,1/7,1/6,1/5,1/4,1/3,1/2,1,2,3,4,5,6,7,8,9]
def nearest(x): return min(SAATY, key=lambda s: abs(math.log(s)-math.log(x)))
def matrix_for(weights, noise):
    j=[]
    for a in range(9):
        for b in range(a+1,9):
            r = weights[a]/weights[b] * math.exp(rng.gauss(0, noise))
            j.append({"a": a+1, "b": b+1, "value": nearest(r)})
    return j
base = [c["weight"] for c in criteria]
variants = {1: [0.20,0.15,0.14,0.11,0.10,0.10,0.08,0.07,0.05], 2: [0.15,0.12,0.18,0.12,0.12,0.08,0.09,0.07,0.07], 3: [0.17,0.22,0.12,0.10,0.08,0.11,0.07,0.08,0.05]}
pairwise = []
pid = 1
for mid, w in variants.items():
    pairwise.append({"id": pid, "set_id": 1, "member_id": mid, "judgements": matrix_for(w, 0.25 if mid != 3 else 0.55)}); pid += 1
partial = matrix_for([0.16,0.14,0.16,0.10,0.12,0.10,0.08,0.08,0.06], 0.3)[:20]
pairwise.append({"id": pid, "set_id": 1, "member_id": 8, "judgements": partial})
gates = [{"id": 1, "name": "Lagkrav", "description": "Insatsen krävs för att staden ska följa lag; den ska genomföras oavsett värde.", "kind": "lagkrav"},
         {"id": 2, "name": "Finansiering säkrad", "description": "Finansiering finns för både utveckling och förvaltning under hela planeringsperioden.", "kind": "finansiering"}]
gate_results = []
gid = 1
legal = {"SLK-2026-00104": "Arkivlagen kräver att avslutade ärenden bevaras och gallras enligt beslut.",
         "SLK-2026-00115": "Lagen om tillgänglighet till digital offentlig service gäller goteborg.se."}
financing = {"SLK-2026-00102": (True,"Ryms i ekonomiservicens pris 2027."), "SLK-2026-00104": (True,"Kommunbidrag enligt KF:s budget."),
             "SLK-2026-00105": (True,""), "SLK-2026-00115": (True,"Inom DMS kommunbidrag."), "SLK-2026-00127": (True,""),
             "SLK-2026-00111": (False,"Förvaltningskostnaden från 2028 saknar finansiering."), "SLK-2026-00117": (False,"Kräver ramväxling från nämnderna."),
             "SLK-2026-00125": (False,"Driftkostnaden är inte fördelad mellan kunderna."), "SLK-2026-00109": (False,"")}
for case in set_cases:
    iid = case_to_id[case]
    gate_results.append({"id": gid, "gate_id": 1, "initiative_id": iid, "passed": case in legal, "note": legal.get(case, "")}); gid += 1
    if case in financing:
        p, note = financing[case]
        gate_results.append({"id": gid, "gate_id": 2, "initiative_id": iid, "passed": p, "note": note}); gid += 1
criteria_set = {"id": 1, "name": "Kriterier 2026–2029", "period_start": 2026, "period_end": 2029, "aggregation": "medelvarde",
                "weighting": "parvis", "pairwise_method": "egenvektor", "categories": ["Nytta","Ekonomi","Genomförande","Arkitektur"],
                "criteria": criteria, "gates": gates, "initiative_ids": sorted(case_to_id[c] for c in set_cases), "locked": False}
kr_ = lambda x: int(x*100)
scenario = {"id": 1, "set_id": 1, "name": "Budgetförslag 2027",
            "frames": [{"year": 2026, "development": kr_(16000000), "management": kr_(1500000)},
                       {"year": 2027, "development": kr_(9000000), "management": kr_(7000000)},
                       {"year": 2028, "development": kr_(3000000), "management": kr_(10000000)},
                       {"year": 2029, "development": kr_(1000000), "management": kr_(10000000)}],
            "forced_in": [], "forced_out": [],
            "dependencies": [{"initiative_id": case_to_id["SLK-2026-00127"], "requires_id": case_to_id["SLK-2026-00105"]},
                             {"initiative_id": case_to_id["SLK-2026-00111"], "requires_id": case_to_id["SLK-2026-00105"]}],
            "exclusions": [{"a": case_to_id["SLK-2026-00117"], "b": case_to_id["SLK-2026-00122"]}]}
data["members"] = members
data["criteria_sets"] = [criteria_set]
data["scores"] = scores
data["pairwise"] = pairwise
data["gate_results"] = gate_results
data["scenarios"] = [scenario]

# ---------- version 3: parameters and funding cases ----------
data["format_version"] = 3
data["parameters"] = {
    "id": 1,
    "years": [
        {"year": 2024, "internal_rate": "0.025", "lease_rate": None, "price_base_amount": 5730000, "discount_rate": None},
        {"year": 2025, "internal_rate": "0.025", "lease_rate": "0.031", "price_base_amount": 5880000, "discount_rate": "0.03"},
        {"year": 2026, "internal_rate": "0.025", "lease_rate": "0.031", "price_base_amount": 5920000, "discount_rate": "0.03"},
        {"year": 2027, "internal_rate": "0.025", "lease_rate": "0.031", "price_base_amount": None, "discount_rate": "0.03"},
        {"year": 2028, "internal_rate": "0.025", "lease_rate": "0.031", "price_base_amount": None, "discount_rate": "0.03"},
        {"year": 2029, "internal_rate": "0.025", "lease_rate": "0.031", "price_base_amount": None, "discount_rate": "0.03"},
    ],
    "useful_life": 5,
    "rounding": "ore",
}
svc_id = {x["name"]: x["id"] for x in services}
def vols(*values): return [str(v) for v in values]
mail_customers = [("Utbildningsnämnden", [2400, 2450, 2500, 2550], [2380]), ("Grundskolenämnden", [9800, 9900, 10000, 10100], [10150]),
                  ("Förskolenämnden", [5600, 5650, 5700, 5750], [5540]), ("Socialnämnd Centrum", [1900, 1950, 2000, 2050], [1985]),
                  ("Äldre samt vård- och omsorgsnämnden", [11200, 11300, 11400, 11500], [11660]), ("Kulturnämnden", [900, 910, 920, 930], [905]),
                  ("Göteborg Energi", [1400, 1400, 1450, 1450], [1420]), ("Förvaltnings AB Framtiden", [1700, 1750, 1750, 1800], [1690])]
funding_cases = [
    {"id": 1, "initiative_id": None, "service_id": svc_id["E-post och kalender"], "volume_unit": "användare",
     "years": [{"year": 2025, "forecast_fixed": kr_(2400000), "forecast_per_unit": kr_(310), "actual_fixed": kr_(2465000), "actual_per_unit": kr_(305)},
               {"year": 2026, "forecast_fixed": kr_(2450000), "forecast_per_unit": kr_(315), "actual_fixed": None, "actual_per_unit": None},
               {"year": 2027, "forecast_fixed": kr_(2500000), "forecast_per_unit": kr_(320), "actual_fixed": None, "actual_per_unit": None},
               {"year": 2028, "forecast_fixed": kr_(2550000), "forecast_per_unit": kr_(325), "actual_fixed": None, "actual_per_unit": None}],
     "customers": [{"organisation_id": O[n], "forecast_volume": vols(*fc), "actual_volume": vols(*act)} for n, fc, act in mail_customers],
     "investment": None, "fixed_key": False, "rounding": None},
    {"id": 2, "initiative_id": case_to_id["SLK-2026-00101"], "service_id": None, "volume_unit": "ärenden via e-tjänst",
     "years": [{"year": 2027, "forecast_fixed": kr_(1850000), "forecast_per_unit": kr_(4), "actual_fixed": None, "actual_per_unit": None},
               {"year": 2028, "forecast_fixed": kr_(2400000), "forecast_per_unit": kr_(4), "actual_fixed": None, "actual_per_unit": None},
               {"year": 2029, "forecast_fixed": kr_(2400000), "forecast_per_unit": kr_(4), "actual_fixed": None, "actual_per_unit": None}],
     "customers": [{"organisation_id": O[n], "forecast_volume": vols(*v), "actual_volume": []} for n, v in [
         ("Utbildningsnämnden", (21000, 24000, 26000)), ("Grundskolenämnden", (64000, 70000, 74000)), ("Förskolenämnden", (52000, 55000, 57000)),
         ("Socialnämnd Centrum", (8200, 9500, 10400)), ("Socialnämnd Hisingen", (7900, 9100, 9800)), ("Socialnämnd Nordost", (9600, 11000, 12100)),
         ("Socialnämnd Sydväst", (8800, 10100, 10900)), ("Äldre samt vård- och omsorgsnämnden", (6100, 7400, 8300)),
         ("Nämnden för funktionsstöd", (3900, 4600, 5100)), ("Kulturnämnden", (12500, 13800, 14400)),
         ("Stadsbyggnadsnämnden", (15800, 17200, 18000)), ("Stadsmiljönämnden", (22400, 24100, 25300))]],
     "investment": {"amount": kr_(7300000), "method": "lease", "years": 5, "rate": None}, "fixed_key": False, "rounding": "kronor"},
]
data["funding_cases"] = funding_cases

# ---------- version 4: meetings ----------
data["format_version"] = 4
def person(name, org, role, attended=None, member=None):
    return {"name": name, "organisation": org, "role": role, "attended": attended, "member_id": member}
member_id = {m["name"]: m["id"] for m in members}
def called(attended):
    people = [person("Karin Ekström", "Stadsledningskontoret", "ordforande", attended, member_id["Karin Ekström"]),
              person("Jonas Berg", "Stadsledningskontoret", "sekreterare", attended, None)]
    for name, org in members_def[1:]:
        present = None if attended is None else name not in ("Peter Wallin",)
        people.append(person(name, org, "ledamot", present, member_id[name]))
    people.append(person("Sara Lind", "Intraservice", "adjungerad", attended, None))
    return people
item_id = [0]
def item(kind, title, case=None, presenter="", officer="", initiative=None, service=None, proposal="", summary="", background="", assessment="", confidential=False, paragraph=None):
    item_id[0] += 1
    return {"id": item_id[0], "kind": kind, "title": title, "case_number": case or "", "presenter": presenter, "officer": officer,
            "initiative_id": None if initiative is None else case_to_id[initiative], "service_id": service,
            "proposed_decision": proposal, "summary": summary, "background": background, "assessment": assessment,
            "confidential": confidential, "paragraph": paragraph, "deviation_id": None}
past_items = [
    item("information", "Uppföljning av stadens digitaliseringsstrategi", presenter="Karin Ekström",
         summary="Stadsledningskontoret redovisar läget för digitaliseringsstrategin efter tredje kvartalet.", paragraph=31),
    item("beslut", "Automatiserad tolkning av leverantörsfakturor", "SLK-2026-00102", "Johan Lindberg", "Eva Holm", "SLK-2026-00102",
         proposal="Samordningsgruppen prioriterar insatsen för 2026.\nFinansiering sker genom faktura à pris inom ekonomiservicens pris.",
         summary="Intraservice föreslår att tolkningen av leverantörsfakturor automatiseras med maskininlärning. Insatsen halverar handläggningstiden per faktura.",
         background="Stadens förvaltningar hanterar cirka 900 000 leverantörsfakturor per år. En fjärdedel kommer fortfarande som papper eller PDF och konteras manuellt.",
         assessment="Insatsen har hög verksamhetsnytta och kort återbetalningstid. Risken bedöms som låg eftersom lösningen redan används i flera kommuner.", paragraph=32),
    item("beslut", "Tillgänglighetsanpassning av goteborg.se", "SLK-2026-00115", "Maria Haddad", "Lina Ström", "SLK-2026-00115",
         proposal="Samordningsgruppen prioriterar insatsen som lagkrav.\nInsatsen finansieras inom Demokrati och medborgarservices kommunbidrag.",
         summary="goteborg.se behöver åtgärdas för att uppfylla lagen om tillgänglighet till digital offentlig service.",
         background="Myndigheten för digital förvaltning har granskat goteborg.se och påtalat brister mot WCAG 2.1 AA.",
         assessment="Insatsen är ett lagkrav och ska genomföras oavsett värdering.", paragraph=33),
    item("beslut", "Säker videokommunikation med invånare", "SLK-2026-00113", "Elin Sandberg", "Omar Nilsson", "SLK-2026-00113",
         proposal="Samordningsgruppen prioriterar insatsen för 2027.",
         summary="Socialnämnderna vill kunna hålla videomöten med e-legitimation för samtal som omfattas av sekretess.",
         background="Under pandemin infördes tillfälliga lösningar som inte uppfyller stadens krav på informationssäkerhet.",
         assessment="Behovet är tydligt, men frågan om tredjelandsöverföring behöver utredas innan lösning väljs.", paragraph=34),
    item("beslut", "Tillgänglighetsgranskning som tjänst", "SLK-2026-00121", "Maria Haddad", "Lina Ström", "SLK-2026-00121",
         proposal="Samordningsgruppen prioriterar insatsen för 2027.",
         summary="Demokrati och medborgarservice föreslår en gemensam tjänst för tillgänglighetsgranskning.",
         assessment="Värdet är lågt i förhållande till kostnaden så länge insatsen för goteborg.se pågår.", paragraph=35),
    item("ovrigt", "Övriga frågor", paragraph=36),
]
past_meeting = {"id": 1, "body": "Strategisk samordningsgrupp för digitalisering", "date": "2026-10-15", "start_time": "13:00", "end_time": "15:30",
                "place": "Stadshuset, sammanträdesrum Lejonet, Gustaf Adolfs torg 4", "link": "", "case_number": "SLK-2026-00900",
                "absence_contact": "Jonas Berg, jonas.berg@stadshuset.goteborg.se", "minutes_checker": "Maria Haddad", "criteria_set_id": None,
                "people": called(True), "items": past_items, "approved_at": "2026-10-20T09:12:00Z", "approved_by": "Karin Ekström"}
upcoming_items = [
    item("information", "Budgetförslag 2027: ramar för gemensamma insatser", presenter="Karin Ekström",
         summary="Kommunfullmäktige beslutade om budget 2027 den 19 november. Stadsledningskontoret redovisar ramarna för gemensamma digitaliseringsinsatser."),
    item("beslut", "Ny e-tjänsteplattform", "SLK-2026-00101", "Maria Haddad", "Lina Ström", "SLK-2026-00101",
         proposal="Samordningsgruppen prioriterar insatsen för planeringsperioden 2026–2029.\nInsatsen finansieras genom kostnadsfördelning till nämnderna.\nInvesteringen leasas via Göteborgs Stads Leasing.",
         summary="Nuvarande e-tjänsteplattform når slutet av sin livslängd 2027. Demokrati och medborgarservice föreslår upphandling av en ny plattform.",
         background="Plattformen används av tolv nämnder och hanterar drygt 200 000 ärenden per år. Avtalet kan inte förlängas efter 2027.",
         assessment="Insatsen har högst värde i värderingen och stor räckvidd. Kostnaden är hög men fördelas över alla nämnder som använder plattformen."),
    item("beslut", "Gemensamt ärendehanterings- och diariesystem", "SLK-2026-00117", "Maria Haddad", "Lina Ström", "SLK-2026-00117",
         proposal="Samordningsgruppen prioriterar insatsen för planeringsperioden.\nStadsledningskontoret får i uppdrag att föreslå ramväxling från nämnderna.",
         summary="Ett gemensamt system ersätter elva diarier.",
         assessment="Finansieringen av förvaltningskostnaden är inte säkrad; ryms inte inom ramarna i budgetförslaget."),
    item("beslut", "AI-stöd i kontaktcenter", "SLK-2026-00109", "Maria Haddad", "Lina Ström", "SLK-2026-00109",
         proposal="Samordningsgruppen prioriterar inte insatsen under 2027.\nInsatsen återkommer efter förstudie om AI-förordningen.",
         summary="Chattbot och handläggarstöd i kontaktcentret.",
         assessment="Ledamöterna är oeniga om risken; se oenighetslistan.", confidential=False),
    item("rapport", "Tjänsteleverantörernas årliga analyser inför 2027", presenter="Johan Lindberg",
         summary="Intraservice, Demokrati och medborgarservice samt Inköp och upphandling redovisar sina årliga analyser: strategisk riktning, pågående och planerade satsningar, utvecklingsbehov för gemensamma tjänster och digital infrastruktur, inkommande krav från nämnder och bolag och vilken informationssäkerhetsnivå som ska gälla för varje tjänst 2027.",
         background="Riktlinjen: nämnder som levererar gemensamma tjänster ska inkomma med en årlig analys till den strategiska samordningsgruppen. Analyserna finns under Årliga analyser och kan bifogas ärendet som handlingar."),
    item("ovrigt", "Övriga frågor"),
]
# An existing shared service valued with the set (version 9): created last so that the other items keep their ids,
# placed before "Övriga frågor".
upcoming_items.insert(len(upcoming_items) - 1, item(
    "beslut", "Utskrift och skanning: fortsatt gemensam tjänst", presenter="Johan Lindberg", officer="Eva Holm",
    service=next(s["id"] for s in services if s["name"] == "Utskrift och skanning"),
    proposal="Samordningsgruppen prioriterar inte tjänsten Utskrift och skanning för planeringsperioden 2027–2029.\nIntraservice får i uppdrag att ta fram en plan för att avveckla tjänsten i takt med digitala flöden, i dialog med berörda kunder.",
    summary="Utskrifterna i staden har minskat med 40 procent sedan 2022. Intraservice föreslår att tjänsten värderas mot de övriga gemensamma tjänsterna och insatserna.",
    background="Tjänsten omfattar cirka 1 900 multifunktionsskrivare. Avtalet med leverantören löper ut 2028.",
    assessment="Tjänsten har lägst värde i värderingen. Hemtjänsten och skolorna behöver utskrifter även framöver; en avveckling behöver ske stegvis."))
upcoming_meeting = {"id": 2, "body": "Strategisk samordningsgrupp för digitalisering", "date": "2026-12-03", "start_time": "09:00", "end_time": "12:00",
                    "place": "Stadshuset, sammanträdesrum Lejonet, Gustaf Adolfs torg 4", "link": "https://mote.goteborg.se/ssg-2026-12",
                    "case_number": "SLK-2026-00950", "absence_contact": "Jonas Berg, jonas.berg@stadshuset.goteborg.se",
                    "minutes_checker": "Johan Lindberg", "criteria_set_id": 1, "people": called(None), "items": upcoming_items,
                    "approved_at": None, "approved_by": None}
data["meetings"] = [past_meeting, upcoming_meeting]
data["decisions"] = [
    {"id": 1, "item_id": 1, "outcome": "noterad", "text": "Samordningsgruppen noterar informationen.", "notes": ""},
    {"id": 2, "item_id": 2, "outcome": "prioriterad", "text": "Samordningsgruppen prioriterar insatsen för 2026.\nFinansiering sker genom faktura à pris inom ekonomiservicens pris.", "notes": ""},
    {"id": 3, "item_id": 3, "outcome": "prioriterad", "text": "Samordningsgruppen prioriterar insatsen som lagkrav.\nInsatsen finansieras inom Demokrati och medborgarservices kommunbidrag.", "notes": ""},
    {"id": 4, "item_id": 4, "outcome": "aterremitterad", "text": "Ärendet återremitteras för utredning av tredjelandsöverföring innan lösning väljs.", "notes": "Elin Sandberg, Socialnämnd Hisingen, antecknar att behovet är akut för socialtjänsten."},
    {"id": 5, "item_id": 5, "outcome": "ej_prioriterad", "text": "Samordningsgruppen prioriterar inte insatsen under 2027.", "notes": ""},
    {"id": 6, "item_id": 6, "outcome": "noterad", "text": "Inga övriga frågor anmäldes.", "notes": ""},
]
import base64, os
ATTACH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "attachments")
def attached(name):
    return base64.b64encode(open(os.path.join(ATTACH, name), "rb").read()).decode()
data["attachments"] = [
    {"id": 1, "item_id": 8, "name": "Förstudie ny e-tjänsteplattform (sammanfattning)", "media_type": "application/pdf",
     "data": attached("forstudie-e-tjansteplattform.pdf")},
    {"id": 2, "item_id": 8, "name": "Ärendevolymer 2021–2026", "media_type": "image/png", "data": attached("arendevolymer.png")},
]

# ---------- version 5: document profile ----------
data["format_version"] = 5
data["document_profile"] = {"id": 1, "organisation": "Göteborgs Stad", "office": "Stadsledningskontoret",
    "logo_media_type": "image/png", "logo": attached("emblem.png"),
    "notice_text": "Ledamöter och adjungerade kallas till sammanträde.",
    "absence_text": "Anmäl förhinder i god tid till",
    "confidential_text": "Handlingen kan innehålla uppgifter som omfattas av sekretess enligt offentlighets- och sekretesslagen (2009:400).",
    "signature_text": "Protokollet justeras digitalt."}

# ---------- version 6: benefits realisation plans ----------
data["format_version"] = 6
by_name = {o["name"]: o["id"] for o in orgs}
def benefit(id, case, name, owner, person, kind, category, confidence, indicator="", unit="", method="", source="",
            baseline=None, baseline_date="", target=None, target_date="", dates=(), low=None, base=None, high=None,
            measurements=(), description="", goal="", recipient="", measured_by="", prerequisites="", risks="",
            approved_by="", approved_date=""):
    return {"id": id, "initiative_id": case_to_id[case], "name": name, "description": description, "goal": goal,
            "recipient": recipient, "owner_id": by_name[owner], "owner_person": person, "measured_by": measured_by,
            "kind": kind, "category": category, "confidence": confidence, "indicator": indicator, "unit": unit,
            "method": method, "source": source, "baseline": baseline, "baseline_date": baseline_date,
            "target": target, "target_date": target_date, "measurement_dates": list(dates),
            "value_low": None if low is None else kr_(low), "value_base": None if base is None else kr_(base),
            "value_high": None if high is None else kr_(high), "price_year": 2026 if base is not None else None,
            "prerequisites": prerequisites, "risks": risks,
            "measurements": [{"date": d, "value": v, "comment": c} for d, v, c in measurements],
            "approved_by": approved_by, "approved_date": approved_date, "version": 1 if not approved_by else 2}
data["benefits"] = [
    benefit(1, "SLK-2026-00102", "Kortare handläggningstid per leverantörsfaktura", "Grundskolenämnden", "Anna Sjöberg",
            "kvantitativ", "frigjord_tid", "gron", "Handläggningstid per faktura", "minuter",
            "Tidsstudie på 200 slumpvis valda fakturor per mätning", "Ekonomisystemets logg och tidsstudie",
            "12", "2026-01-15", "6", "2027-06-30", ("2026-06-30", "2026-12-31", "2027-06-30"),
            9_000_000, 12_600_000, 15_000_000,
            (("2026-06-30", "10.5", "Tolkningen i drift för hälften av förvaltningarna."),
             ("2026-10-31", "8.9", "Alla grundskoleenheter anslutna.")),
            description="Automatisk tolkning och kontering av leverantörsfakturor halverar den manuella hanteringen.",
            goal="Budget 2026: effektivare administration", recipient="Ekonomihandläggare i förvaltningarna",
            measured_by="Intraservice ekonomiservice",
            prerequisites="Förvaltningarna slutar ta emot pappersfakturor och hänvisar leverantörer till e-faktura.",
            risks="Lägre tolkningsgrad för utländska fakturor; hanteras med manuell kontroll under första året.",
            approved_by="Grundskolenämnden", approved_date="2026-02-20"),
    benefit(2, "SLK-2026-00102", "Färre betalningspåminnelser", "Grundskolenämnden", "Anna Sjöberg",
            "kvantitativ", "ekonomisk", "gul", "Påminnelseavgifter per månad", "kronor",
            "Summa påminnelseavgifter i leverantörsreskontran", "Ekonomisystemet",
            "38000", "2026-01-31", "12000", "2027-03-31", ("2026-06-30", "2026-12-31"),
            200_000, 310_000, 400_000,
            (("2026-06-30", "36500", "Små förändringar innan alla förvaltningar anslutits."),),
            recipient="Stadens nämnder", measured_by="Intraservice ekonomiservice"),
    benefit(3, "SLK-2026-00101", "Fler ärenden via e-tjänst", "Demokrati och medborgarservice", "Farid Osman",
            "kvantitativ", "kvalitet", "gul", "Andel ärenden som inleds digitalt", "procent",
            "Andel ärenden i e-tjänsteplattformen av alla inkomna ärenden", "Plattformens statistik och diarierna",
            "58", "2026-09-30", "80", "2029-12-31", ("2027-12-31", "2028-12-31", "2029-12-31"),
            4_000_000, 6_500_000, 9_000_000, (),
            description="En modern plattform gör fler ärenden möjliga att starta digitalt dygnet runt.",
            goal="Digitaliseringsstrategin: digitalt först", recipient="Invånare och företag",
            measured_by="Demokrati och medborgarservice",
            prerequisites="Förvaltningarna flyttar sina blanketter till plattformen.",
            risks="Förseningar i upphandlingen skjuter nyttan ett år."),
    benefit(4, "SLK-2026-00115", "goteborg.se uppfyller WCAG 2.1 AA", "Demokrati och medborgarservice", "Farid Osman",
            "kvalitativ", "kvalitet", "gron", method="Granskning av Myndigheten för digital förvaltning",
            measurements=(), description="Alla kan använda stadens webbplats, oavsett funktionsförmåga.",
            recipient="Invånare med funktionsnedsättning", measured_by="Extern granskare"),
]

# ---------- version 7: opt-outs and deviations ----------
data["format_version"] = 8
service_id = {sv["name"]: sv["id"] for sv in services}
def step(key, date, note=""):
    return {"step": key, "date": date, "note": note}
data["deviations"] = [
    {"id": 1, "kind": "avsteg", "service_id": service_id["Samarbetsplattform"], "organisation_id": by_name["Stadsbyggnadsnämnden"],
     "title": "Stadsbyggnadsnämnden vill behålla egen plattform för 3D-samverkan",
     "description": "Förvaltningen delar stora BIM-modeller med externa konsulter, vilket den gemensamma samarbetsplattformen inte stöder i dag.",
     "security": False, "registered": "2026-09-01", "deadline": "2026-12-15", "action_plan": "", "outcome": None,
     "steps": [step("dialog_leverantor", "2026-09-10", "Intraservice ser ingen lösning inom 2027."),
               step("omprovning", "2026-10-05", "Omprövningen visar högre kostnad men uppfyllda säkerhetskrav."),
               step("ssg_informerad", "2026-10-15", "Informerades vid sammanträdet 15 oktober.")]},
    {"id": 2, "kind": "avsteg", "service_id": service_id["Lönetjänst"], "organisation_id": by_name["Göteborg Energi"],
     "title": "Egen lönehantering för skiftarbete",
     "description": "Skiftschemat kräver tillägg som lönetjänsten inte hanterar.",
     "security": False, "registered": "2026-03-02", "deadline": "2026-06-30", "action_plan": "", "outcome": "tjansten_anpassad",
     "steps": [step("dialog_leverantor", "2026-03-12"), step("omprovning", "2026-04-01"), step("ssg_informerad", "2026-04-16"),
               step("motivering", "2026-05-04"), step("namndbeslut", "2026-05-27", "Nämnden avstod från avsteg sedan tjänsten anpassats."),
               step("rapporterad", "2026-09-30")]},
    {"id": 3, "kind": "avvikelse", "service_id": service_id["E-arkiv"], "organisation_id": None,
     "title": "Leveransen av e-arkivets nya version är försenad",
     "description": "Leverantören kan inte leverera version 4 enligt konsolideringsplanen; migreringen av tre äldre arkiv skjuts upp.",
     "security": False, "registered": "2026-10-20", "deadline": "", "action_plan": "",
     "outcome": None, "steps": [step("ssg_informerad", "2026-10-22")]},
    {"id": 4, "kind": "avvikelse", "service_id": service_id["Identitets- och behörighetshantering"], "organisation_id": by_name["Grundskolenämnden"],
     "title": "Behörigheter till elevregister tas inte bort vid avslutad anställning",
     "description": "Granskning visar att konton för avslutade vikarier ligger kvar i upp till 60 dagar.",
     "security": True, "registered": "2026-11-03", "deadline": "2026-12-03",
     "action_plan": "Automatisk avaktivering vid avslutad anställning; veckovis kontroll tills den är i drift.",
     "outcome": None, "steps": [step("kunder_informerade", "2026-11-03", "Berörda skolförvaltningar och beredningen informerade samma dag.")]},
]

# ---------- version 9: existing shared services valued and prioritised with the initiatives ----------
# The guideline ("Kommunstyrelsen"): the group "ska värdera och prioritera befintliga och nya förändringsinsatser och
# gemensamma tjänster". Six services in operation join the 2026–2029 set, scored by every member (own random
# stream, so the initiatives' scores above stay as they were). E-post och kalender has no costs of its own: its
# funding case's forecast is used.
data["format_version"] = 9
srng = random.Random(20261202)
valued_services = {
 # name: (true profile on the nine criteria, {year: (development kr, management kr)})
 "E-post och kalender": ([3.0,1.6,3.0,4.0,2.6,1.6,3.8,2.6,3.2], None),
 "Integrationsplattform": ([3.4,1.4,3.0,3.6,2.8,2.0,3.2,3.0,4.0],
                           {2026: (0, 2100000), 2027: (1200000, 2150000), 2028: (0, 2400000), 2029: (0, 2400000)}),
 "Samarbetsplattform": ([2.8,1.0,2.8,3.6,2.4,1.8,3.4,2.0,3.4],
                        {2026: (0, 1400000), 2027: (0, 1450000), 2028: (0, 1500000), 2029: (0, 1550000)}),
 "Kontaktcenter": ([3.0,3.8,2.4,3.4,2.0,1.4,3.2,2.6,2.4],
                   {2026: (0, 1900000), 2027: (400000, 1950000), 2028: (0, 2000000), 2029: (0, 2050000)}),
 "Utskrift och skanning": ([1.2,0.6,1.4,2.4,1.8,1.2,3.6,0.8,1.6],
                           {2026: (0, 900000), 2027: (0, 880000), 2028: (0, 860000), 2029: (0, 850000)}),
 "Webbpublicering goteborg.se": ([3.2,3.6,1.8,3.0,1.6,1.6,3.0,2.4,2.6],
                                 {2026: (0, 1300000), 2027: (600000, 1350000), 2028: (0, 1400000), 2029: (0, 1450000)}),
}
for name, (_, costs) in valued_services.items():
    svc_record = services[service_id[name] - 1]
    svc_record["costs"] = [] if costs is None else [
        {"year": y, "development": kr(d), "management": kr(m)} for y, (d, m) in sorted(costs.items())]
service_disagree = {
 ("Utskrift och skanning", 0): {1:(0,"Utskrifterna minskar varje år; tjänsten bör fasas ut i takt med digitala flöden."),
                                6:(3,"Hemtjänsten och skolorna skriver fortfarande ut mycket; vi behöver tjänsten hela perioden."),
                                4:(1,"")},
 ("Kontaktcenter", 1): {3:(4,"Kontaktcenter är invånarnas väg in till staden."),
                        8:(1,"Bolagen har egna kundtjänster och använder knappt kontaktcenter.")},
}
for name, (profile, _) in valued_services.items():
    sv_id = service_id[name]
    for k in range(9):
        for m in members:
            mid = m["id"]
            comment = ""
            if (name, k) in service_disagree and mid in service_disagree[(name, k)]:
                v, comment = service_disagree[(name, k)][mid]
            elif srng.random() < 0.04:
                v = None
            else:
                true = profile[k] + (bias[mid] if k != 5 else -bias[mid])
                v = int(max(0, min(4, round(true + srng.gauss(0, 0.55)))))
            scores.append({"id": sid, "criterion_id": k+1, "item": "service:%d" % sv_id, "member_id": mid, "value": v, "comment": comment})
            sid += 1
criteria_set["service_ids"] = sorted(service_id[n] for n in valued_services)
for name in valued_services:
    passed = name == "Webbpublicering goteborg.se"
    note = "Lagen om tillgänglighet till digital offentlig service: staden måste ha en tillgänglig webbplats." if passed else ""
    gate_results.append({"id": gid, "gate_id": 1, "item": "service:%d" % service_id[name], "passed": passed, "note": note}); gid += 1
gate_results.append({"id": gid, "gate_id": 2, "item": "service:%d" % service_id["E-post och kalender"], "passed": True,
                     "note": "Kostnadsfördelning enligt prismodellen 2027."}); gid += 1
# A bastjänst the boards must use (guideline, "Nämnder och bolagsstyrelser ska använda de bastjänster som
# tillhandahålls") is chosen whatever its value; the frames make room for the services' management.
scenario["forced_in"] = ["service:%d" % service_id["E-post och kalender"], "service:%d" % service_id["Integrationsplattform"]]
for frame in scenario["frames"]:
    frame["management"] += kr_({2026: 18200000, 2027: 19100000, 2028: 20200000, 2029: 5900000}[frame["year"]])
    frame["development"] += kr_({2026: 0, 2027: 1600000, 2028: 0, 2029: 0}[frame["year"]])

# The providers' yearly analyses (format version 10; riktlinjen, "Gemensamma tjänster och förändringsinsatser":
# "Nämnder som levererar gemensamma tjänster ska inkomma med en årlig analys"): every provider's for the coming
# period, 2027, in three states; at least one level differs from the service's current classification.
svc={s['id']:s for s in data['services']}
def lv(n): return None if n is None else dict([('level',n),('label',labels[n])])
def sec(k,r,t): return dict([('confidentiality',lv(k)),('integrity',lv(r)),('availability',lv(t))])
def cur(sid):
    s=svc[sid]['security']; return dict((a, s[a]) for a in ['confidentiality','integrity','availability'])
def levels(provider, changes):
    out=[]
    for s in data['services']:
        if s['provider_id']!=provider: continue
        security = sec(*changes[s['id']]) if s['id'] in changes else cur(s['id'])
        out.append(dict([('service_id',s['id']),('security',security)]))
    return out
def inv(status, initiative, desc, costs):
    return dict([('status',status),('initiative_id',initiative),('description',desc),('costs',[dict([('year',y),('amount',a*100)]) for y,a in costs])])
def need(area,title,service,desc):
    return dict([('area',area),('title',title),('service_id',service),('description',desc)])
def req(org,text,law,how,due):
    return dict([('organisation_id',org),('requirement',text),('law',law),('how_met',how),('due',due)])
def analysis(id, provider, state, submitted, presented, direction, investments, needs, reqs, changes):
    return dict([('id',id),('provider_id',provider),('year',2027),('state',state),('submitted',submitted),('presented',presented),
        ('strategic_direction',direction),('investments',investments),('development_needs',needs),('requirements',reqs),('security_levels',levels(provider,changes))])
analyses_2027=[
 analysis(1,1,'presenterad','2026-10-15','2026-11-12',
  "Intraservice samlar stadens digitala infrastruktur på färre och mer standardiserade plattformar. Under planperioden prioriteras identitets- och behörighetshantering, säker drift och en modern arbetsplats, så att förvaltningar och bolag kan bygga sina verksamhetssystem på gemensamma byggstenar.\n\nVi flyttar förvaltningen av äldre lokala lösningar till stadsgemensamma tjänster och ökar den automatiserade övervakningen av säkerheten.",
  [inv('pagaende',5,"Gemensam identitets- och behörighetshantering för medarbetare och förtroendevalda",[(2027,6500000),(2028,4000000),(2029,1500000)]),
   inv('pagaende',14,"Trådlöst nät i skolor och förskolor, etapp 2",[(2027,3200000),(2028,1800000)]),
   inv('planerad',25,"Gemensam säkerhetsövervakning (SOC) dygnet runt",[(2027,4800000),(2028,5200000),(2029,5200000)]),
   inv('planerad',None,"Livscykelbyte av nätverksutrustning i stadens lokaler",[(2027,2500000),(2028,2500000),(2029,2500000)])],
  [need('gemensamma_tjanster',"Självservice för behörigheter",3,"Chefer ska kunna beställa och återkalla behörigheter själva, med spårbarhet för revision."),
   need('gemensamma_tjanster',"Arkivering direkt från verksamhetssystemen",14,"Fler system behöver leverera till e-arkivet automatiskt via integrationsplattformen."),
   need('digital_infrastruktur',"Redundant anslutning för driftmiljön",None,"Två oberoende förbindelser till stadens datahallar för att klara tillgänglighetskraven.")],
  [req(24,"Spårbar åtkomst till personuppgifter i vård- och omsorgssystemen",'dataskyddsforordningen',"Loggning i behörighetstjänsten och månatlig logguppföljning som tjänst.","2027-06-30"),
   req(22,"Elevdata får inte lagras utanför EU/EES",'dataskyddslagen',"Avtal och driftmiljö inom EU; tredjelandsöverföring prövas i varje upphandling.","2027-03-31"),
   req(26,"Högre tillgänglighet i e-post för bolagets jourverksamhet",None,"T höjs till nivå 4 med redundant drift och dygnet runt-övervakning.","2027-09-30")],
  {1:(2,2,4),3:(4,3,3),14:(3,4,2),11:(1,1,1)}),
 analysis(2,2,'inlamnad','2026-10-30','',
  "Demokrati och medborgarservice gör det enklare för invånare, företag och förtroendevalda att möta staden digitalt. Riktningen är en sammanhållen ingång: e-tjänster, kontaktcenter och webb på gemensamma plattformar med hög tillgänglighet och klarspråk.",
  [inv('pagaende',1,"Ny e-tjänsteplattform med gemensam inloggning och Mina sidor",[(2027,5500000),(2028,3000000)]),
   inv('planerad',15,"Tillgänglighetsanpassning av goteborg.se enligt DOS-lagen",[(2027,1200000),(2028,600000)]),
   inv('planerad',22,"Digitala nämndhandlingar och omröstning",[(2027,900000),(2028,400000)])],
  [need('gemensamma_tjanster',"Gemensam ärendestatus för invånare",17,"Invånare ska kunna följa sina ärenden oavsett vilken nämnd som handlägger dem."),
   need('digital_infrastruktur',"Säker digital post till invånare",None,"Anslutning till statens infrastruktur för digital post behövs för fler utskick.")],
  [req(8,"E-tjänster för ekonomiskt bistånd ska hålla konfidentialitet nivå 3",None,"E-tjänsteplattformen klassas K3 och får stark autentisering.","2027-04-30"),
   req(14,"Webbplatser ska uppfylla tillgänglighetskraven",'dos_lagen',"Granskning varje kvartal och åtgärdsplan i förvaltningsplanen.","2027-12-31")],
  {17:(3,3,3),18:(1,2,3)}),
 analysis(3,3,'utkast','','',
  "Inköp och upphandling stödjer stadens verksamheter med digitala inköpsflöden från behov till betalning. Under planperioden breddas e-handeln till fler varugrupper och avtalskatalogen görs sökbar för alla förvaltningar och bolag.",
  [inv('pagaende',19,"E-handel för fler varugrupper",[(2027,800000),(2028,500000)]),
   inv('planerad',20,"Sökbar avtalsdatabas",[(2027,1100000)])],
  [need('gemensamma_tjanster',"Integration mellan e-handel och ekonomisystem",23,"Automatisk matchning av order, leverans och faktura minskar manuell hantering.")],
  [req(32,"Avtalsuppgifter ska kunna lämnas ut snabbt vid begäran om allmän handling",'offentlighets_och_sekretesslagen',"Sökbar avtalskatalog med markering av sekretess per avtal.","2027-10-31")],
  {23:(1,2,3)}),
]
data["format_version"] = 10
data["yearly_analyses"] = analyses_2027

# ---------- version 11: the council's decided frames and a meeting with the budget material ----------
# The guideline ("Kommunstyrelsen"): the group's prioritisation "ligger sedan till grund för underlag till budget som
# administreras via stadsledningskontoret. Kommunfullmäktige fattar sedan beslut om de ekonomiska ramarna." The
# council decided 2027's frames a little below the scenario's proposal, so something no longer fits.
data["format_version"] = 11
data["decided_frames"] = [{"id": 1, "year": 2027, "development": 1000000000, "management": 2350000000, "decided_on": "2026-11-19", "reference": "KF 2026-11-19 § 18, budget 2027", "notes": "Kommunfullmäktiges budget 2027: ramen för gemensamma digitaliseringsinsatser, något under samordningsgruppens förslag."}]
budget_meeting = {"id": 30, "body": "Strategisk samordningsgrupp för digitalisering", "date": "2026-12-17", "start_time": "13:00",
                  "end_time": "15:00", "place": "Stadshuset, sammanträdesrum Lejonet, Gustaf Adolfs torg 4",
                  "link": "https://mote.goteborg.se/ssg-2026-12b", "case_number": "SLK-2026-00951",
                  "absence_contact": "Jonas Berg, jonas.berg@stadshuset.goteborg.se", "minutes_checker": "Maria Haddad",
                  "criteria_set_id": 1, "people": called(None), "approved_at": None, "approved_by": None,
                  "items": [{"id": 300, "kind": "beslut", "title": "Budgetunderlag 2026–2029 till stadsledningskontoret", "case_number": "", "presenter": "Jonas Berg", "officer": "Jonas Berg", "initiative_id": None, "service_id": None, "proposed_decision": "Samordningsgruppen överlämnar budgetunderlaget för 2026–2029 (scenariot Budgetförslag 2027) till stadsledningskontoret och noterar det som inte längre ryms i kommunfullmäktiges beslutade ramar för 2027.", "summary": "Budgetunderlaget listar det prioriterade med utvecklings- och förvaltningskostnad per år och föreslagen finansiering, summerat mot ramarna, och det som inte prioriterades med skäl. Kommunfullmäktige beslutade ramarna för 2027 den 19 november; förvaltningsramen är lägre än förslaget.", "background": "Riktlinjen: samordningsgruppens värdering och prioritering ligger till grund för underlag till budget som administreras via stadsledningskontoret. Kommunfullmäktige fattar sedan beslut om de ekonomiska ramarna.", "assessment": "", "confidential": False, "paragraph": None, "deviation_id": None}]}
data["meetings"].append(budget_meeting)
# ---------- version 12 (issue 17, part A): the material's content, the förvaltningsplan, approved benefits plans ----------
# Riktlinjen ("Gemensamma tjänster och förändringsinsatser", "Verksamhetsspecifika system och tjänster"): the material
# shows that the requirements of laws and security are met, with a risk and security assessment and a long-term plan;
# "Realisera och följa upp nytta och effekter": management follows a förvaltningsplan, benefits an approved plan, and
# the owning board decides on actions when a benefit is off track. Every initiative at or past "Underlag klart" has
# its laws (or explicitly none), its risks or a written assessment, and a long-term plan.
data["format_version"] = 12
def risk(text, likelihood, consequence, action):
    return {"risk": text, "likelihood": likelihood, "consequence": consequence, "action": action}
NO_LAW = "inget"
material = {
 # case: (laws added, or NO_LAW; risks; written assessment; long-term plan when the initiative has none)
 "SLK-2026-00101": (None, [risk("Upphandlingen överprövas och försenar bytet av plattform", "medel", "hog", "Förläng nuvarande avtal två år enligt option"),
                           risk("E-tjänster flyttas inte i tid av förvaltningarna", "medel", "medel", "Migreringsplan per förvaltning med stöd från DMS")], "", None),
 "SLK-2026-00102": (None, [risk("Låg tolkningsgrad för utländska fakturor", "medel", "lag", "Manuell kontroll första året")], "", None),
 "SLK-2026-00103": (None, [risk("Motparter saknar e-legitimation för avancerad underskrift", "medel", "medel", "Behåll pappersunderskrift som alternativ")], "",
                    "Tjänsten förvaltas av Demokrati och medborgarservice som bastjänst; avtalet omprövas 2030."),
 "SLK-2026-00104": (None, [risk("Gallringsbeslut saknas för flera verksamhetssystem", "hog", "medel", "Stadsarkivet tar fram gallringsbeslut före leverans"),
                           risk("Felaktig leverans ger ofullständiga arkiv", "lag", "hog", "Testleverans och kontroll per system")], "", None),
 "SLK-2026-00105": (None, [risk("Fel i HR-data ger felaktiga behörigheter", "medel", "hog", "Avstämning mot HR-systemet varje natt och larm vid avvikelse")],
                    "Lösningen hanterar behörigheter till system klassade upp till K3; krav enligt stadens riktlinje för informationssäkerhet ingår i upphandlingen.",
                    "IAM-tjänsten blir en bastjänst hos Intraservice med förvaltningsgrupp och årlig behörighetsrevision."),
 # In analysis, with its material already complete: the next step is "Underlag klart".
 "SLK-2026-00106": (NO_LAW, [risk("Förvaltningarna publicerar inte sina API:er i katalogen", "medel", "medel", "Krav på publicering vid nya integrationer")],
                    "Katalogen beskriver tekniska gränssnitt, inga personuppgifter; åtkomsten till API:erna styrs i integrationsplattformen.",
                    "Katalogen och standarden förvaltas av Intraservice inom integrationsplattformen, med årlig översyn av standarden."),
 "SLK-2026-00107": (None, [], "Förstudien hanterar inga personuppgifter utöver kontaktuppgifter; risken är låg. Säkerhetskrav för en framtida plattform bedöms i förstudien.",
                    "Förstudien ger underlag för beslut 2027 om en gemensam dataplattform."),
 "SLK-2026-00108": (None, [risk("Mottagare saknar digital brevlåda", "hog", "lag", "Utskick på papper som reserv"),
                           risk("Sekretessbelagda beslut skickas till fel mottagare", "lag", "hog", "Kontroll av mottagare mot folkbokföringen")], "",
                    "Tjänsten ingår i kontaktcentrets förvaltning; anslutning av fler nämnder 2027–2028."),
 "SLK-2026-00110": (None, [risk("Molnversionen saknar funktioner för skiftarbete", "medel", "medel", "Tilläggsmodul och anpassning av lönetjänsten")],
                    "Löneuppgifter klassas K3; leverantören lagrar data inom EU/EES enligt avtalet.",
                    "Lönetjänsten förvaltas av Intraservice; uppgraderingar två gånger per år enligt leverantörens plan."),
 "SLK-2026-00111": (None, [risk("Verksamheterna ändrar inte sina schemarutiner", "medel", "hog", "Förändringsledning med chefer i varje förvaltning"),
                           risk("Integrationen mot lönesystemet blir klar sent", "medel", "medel", "Stegvis införande med manuell överföring")], "",
                    "Ny bastjänst hos Intraservice med förvaltningsgrupp där kunderna ingår; avtalstid 4+2 år."),
 "SLK-2026-00112": (NO_LAW, [], "Förstudien behandlar inga personuppgifter och inga säkerhetskänsliga uppgifter; risken bedöms som låg.",
                    "Förstudien avslutas 2026 med ett förslag om gemensam tjänst eller utökning av befintligt system."),
 "SLK-2026-00113": (None, [risk("Tredjelandsöverföring av personuppgifter", "medel", "hog", "Endast leverantörer med drift inom EU/EES")], "",
                    "Tjänsten blir en del av samarbetsplattformen och förvaltas av Intraservice."),
 "SLK-2026-00114": (["lou"], [risk("Utbyggnaden stör undervisningen", "medel", "lag", "Installation under lov och kvällstid"),
                              risk("Otillräcklig täckning i äldre lokaler", "medel", "medel", "Mätning före och efter installation")],
                    "Nätet segmenteras så att elevernas och personalens trafik hålls åtskilda.",
                    "Nätet förvaltas som del av Intraservices nätverkstjänst med livscykelbyte vart sjätte år."),
 "SLK-2026-00115": (None, [risk("Redaktörer publicerar nytt innehåll som inte är tillgängligt", "hog", "medel", "Utbildning och automatisk granskning före publicering")], "",
                    "Tillgängligheten granskas varje kvartal inom webbpubliceringens ordinarie förvaltning."),
 "SLK-2026-00116": (None, [], "Förstudien kartlägger hur personuppgiftsincidenter hanteras i dag; inga personuppgifter behandlas i förstudien.",
                    "Förstudien ger underlag för ett gemensamt flöde från 2027."),
 "SLK-2026-00117": (None, [risk("Migreringen av elva diarier drar ut på tiden", "hog", "medel", "Avveckling i etapper med fast tidplan per nämnd")],
                    "Diarier innehåller sekretessuppgifter (K3); krav på loggning och behörighetsstyrning ställs i upphandlingen.", None),
 "SLK-2026-00118": (NO_LAW, [risk("Äldre verksamhetsprogram fungerar inte i Windows 11", "medel", "medel", "Kompatibilitetstest och paketering före utrullning")], "",
                    "Klientplattformen förvaltas inom datorarbetsplatsen med två funktionsuppdateringar per år."),
 "SLK-2026-00119": (None, [risk("Leverantörer ansluter inte sina kataloger till e-handeln", "medel", "lag", "Krav på e-handel i nya avtal")], "",
                    "E-handeln förvaltas av Inköp och upphandling; nya varugrupper läggs till vid avtalsförnyelse."),
 "SLK-2026-00120": (None, [], "Avtalskatalogen innehåller inga sekretessbelagda uppgifter; risken är låg och gäller främst inaktuella avtal.",
                    "Katalogen förvaltas av Inköp och upphandling och uppdateras vid varje nytt avtal."),
 "SLK-2026-00121": (None, [risk("Verktyget används bara av ett fåtal redaktörer", "medel", "lag", "Granskning som tjänst med stöd från DMS")], "",
                    "Tjänsten skulle ha ingått i webbpubliceringens förvaltning."),
 "SLK-2026-00124": (None, [risk("Obligatoriska utbildningar följs inte upp av cheferna", "medel", "medel", "Månatlig rapport till förvaltningsledningarna")], "",
                    "Plattformen förvaltas av Intraservice; innehållet av stadens utbildningsansvariga."),
 "SLK-2026-00125": (None, [risk("Brist på säkerhetsanalytiker dygnet runt", "hog", "hog", "Avtal med extern leverantör för jour"),
                           risk("Loggar med personuppgifter lagras för länge", "lag", "medel", "Gallringsregler i loggplattformen")],
                    "Säkerhetsövervakningen hanterar information klassad K4; den ska uppfylla cybersäkerhetslagens krav på incidentrapportering.",
                    "SOC blir en bastjänst hos Intraservice med årlig översyn av bemanning och verktyg."),
 "SLK-2026-00126": (None, [], "Utredningen behandlade inga personuppgifter; risken bedömdes som låg.",
                    "Utredningen avbröts; frågan förs vidare i stadens arbete med informationssäkerhetsriktlinjer."),
 "SLK-2026-00127": (None, [risk("Anställningsbeslut registreras sent i HR-systemet", "hog", "medel", "Påminnelse till chef fem dagar före startdatum")], "",
                    "Flödet förvaltas inom identitets- och behörighetshanteringen hos Intraservice."),
 "SLK-2026-00128": (None, [risk("Publicerade data röjer uppgifter om enskilda", "lag", "hog", "Granskning före publicering och aggregering")], "",
                    "Portalen skulle ha förvaltats av Demokrati och medborgarservice."),
 "UBF-2026-00031": (None, [risk("Skolorna använder olika arbetssätt", "medel", "medel", "Gemensam rutin och utbildning")], "", "Förvaltas inom Utbildningsförvaltningens IT-förvaltning."),
 "GRF-2026-00212": (None, [risk("Vårdnadshavare loggar inte in", "medel", "lag", "Information vid skolstart och stöd på flera språk"),
                           risk("Elevuppgifter med skyddad identitet visas", "lag", "hog", "Särskild rutin och spärr i plattformen")], "",
                    "Lärplattformen förvaltas av Grundskoleförvaltningen; avtalet löper till 2030 med option på förlängning."),
 "AVO-2026-00087": (None, [risk("Kamera upplevs som integritetsintrång", "medel", "hog", "Samtycke och möjlighet att avbryta när som helst")],
                    "Larm och kamera hanterar känsliga personuppgifter (K4); behandlingen bygger på samtycke enligt socialtjänstlagen.",
                    "Trygghetslarmen förvaltas av förvaltningen med stöd av Intraservice för vård- och omsorgssystemet."),
 "FSK-2026-00014": (None, [risk("Enheter tappas bort eller skadas", "medel", "lag", "Enhetshantering med fjärrlåsning")], "",
                    "Läsplattorna byts var fjärde år inom förskoleförvaltningens budget."),
 "KOV-2026-00058": (None, [risk("Intrång i styrsystemen via sensorerna", "lag", "hog", "Separat nät och säkerhetsskyddsanalys")],
                    "Styrsystem för dricksvatten omfattas av säkerhetsskyddslagen; en säkerhetsskyddsanalys görs före upphandling.",
                    "Sensorerna förvaltas i Kretslopp och vattens driftorganisation med livscykel på tio år."),
 "SBK-2026-00301": (None, [risk("3D-modellen är inaktuell i delar av staden", "medel", "medel", "Uppdatering i samband med detaljplanearbetet")], "",
                    "Den digitala bygglovsprocessen förvaltas av Stadsbyggnadsförvaltningen."),
 "KUF-2026-00019": (None, [risk("Skadegörelse när personal inte är på plats", "lag", "medel", "Kameraövervakning av entré och larm")], "",
                    "Meröppet förvaltas inom bibliotekens ordinarie verksamhet."),
 "IOF-2026-00066": (None, [], "Bokningssystemet hanterar föreningars kontaktuppgifter och betalningar; risken bedömdes som måttlig.",
                    "Avbruten i väntan på förstudien om gemensam bokning."),
 "SMN-2026-00077": (None, [risk("Fusk med digitala tillstånd", "lag", "medel", "Kontroll mot registret vid parkeringsövervakning")], "",
                    "E-tjänsten förvaltas på e-tjänsteplattformen med Stadsmiljöförvaltningen som e-tjänsteförvaltare."),
 "GEN-2026-00009": (None, [risk("Leveransförseningar av mätare", "medel", "medel", "Två leverantörer i avtalet"),
                           risk("Timvärden röjer kunders vanor", "lag", "hog", "Åtkomst endast för behörig personal och kunden själv")], "",
                    "Mätarna förvaltas i Göteborg Energis mätverksamhet med livslängd på 15 år."),
 "FRA-2026-00021": (None, [risk("Bolagen inför portalen i olika takt", "medel", "lag", "Gemensam införandeplan i koncernen")], "",
                    "Portalen förvaltas av Förvaltnings AB Framtiden för koncernens bostadsbolag."),
}
# The förvaltningsplan of the initiatives in management or finished after it.
management = {
 "SLK-2026-00118": "Förvaltningsplan datorarbetsplats 2026–2029: två funktionsuppdateringar per år, kvartalsvis säkerhetsuppföljning, livscykelbyte av datorer vart fjärde år.",
 "SLK-2026-00119": "Förvaltningsplan e-handel 2026–2028: förvaltningsgrupp med kundrepresentanter, kvartalsvis uppföljning av avtalstrohet, ny varugrupp per avtalsförnyelse.",
 "FSK-2026-00014": "Förvaltningsplan digitala verktyg i förskolan: enhetshantering och appgranskning två gånger per år, byte av läsplattor 2029.",
 "SMN-2026-00077": "Förvaltningsplan digitala parkeringstillstånd: e-tjänsteförvaltare på Stadsmiljöförvaltningen, årlig tillgänglighetsgranskning, uppföljning av handläggningstid.",
 "KUF-2026-00019": "Förvaltningsplan meröppna bibliotek: passersystemet och självbetjäningen förvaltas av Kulturförvaltningen, årlig uppföljning av öppettider och incidenter.",
}
by_case = {i["case_number"]: i for i in inits}
for case, (laws, risks, assessment, plan) in material.items():
    initiative = by_case[case]
    if laws == NO_LAW:
        initiative["laws"] = []
        initiative["no_legal_requirement"] = True
    elif laws:
        initiative["laws"] = sorted(set(initiative["laws"] + laws), key=LAWORDER.index)
    initiative["risks"] = risks
    initiative["risk_assessment"] = assessment
    if plan and not initiative["long_term_plan"]:
        initiative["long_term_plan"] = plan
for case, plan in management.items():
    by_case[case]["management_plan"] = plan
# The invoice automation's benefits plan was approved by the customer boards' representative before measuring began.
by_case["SLK-2026-00102"]["benefits_plan_approved_date"] = "2026-02-20"
by_case["SLK-2026-00102"]["benefits_plan_approved_by"] = "Grundskolenämnden"
# The benefit owner is on the customer side, never the delivering provider (DMS delivers 00101 and 00115).
benefits_by_id = {b["id"]: b for b in data["benefits"]}
benefits_by_id[3]["owner_id"] = by_name["Utbildningsnämnden"]
benefits_by_id[3]["owner_person"] = "Lina Karlsson"
by_case["SLK-2026-00115"]["customer_ids"] = sorted(set(by_case["SLK-2026-00115"]["customer_ids"] + [by_name["Kommunstyrelsen"]]))
benefits_by_id[4]["owner_id"] = by_name["Kommunstyrelsen"]
benefits_by_id[4]["owner_person"] = "Helena Dahl"
# Fewer payment reminders is off track after the follow-up of June; the owning board decided on an action.
benefits_by_id[2]["decided_action"] = "Leverantörer som fortfarande skickar pappersfaktura kontaktas, och påminnelser följs upp varje månad i stället för varje kvartal."
benefits_by_id[2]["decided_action_date"] = "2026-09-15"
benefits_by_id[2]["decided_action_by"] = "Grundskolenämnden"
# The wifi in schools is in implementation: its plan, owned by the owning board, was approved before initiation.
data["benefits"].append(benefit(5, "SLK-2026-00114", "Digitala nationella prov i alla skolor", "Grundskolenämnden", "Mats Åberg",
            "kvalitativ", "kvalitet", "gron", method="Skolornas rapport efter provperioden",
            description="Alla grundskolor kan genomföra de nationella proven digitalt utan avbrott i nätet.",
            goal="Skolverkets krav på digitala nationella prov", recipient="Elever och lärare",
            measured_by="Grundskoleförvaltningen", approved_by="Grundskolenämnden", approved_date="2025-03-18"))
by_case["SLK-2026-00114"]["benefits_plan_approved_date"] = "2025-03-18"
by_case["SLK-2026-00114"]["benefits_plan_approved_by"] = "Grundskolenämnden"
# ---------- end of version 12 (issue 17, part A) ----------

# ---------- version 13 (issue 17, part B: the shared services) ----------
# Riktlinjen, "Nämnder med särskilt ansvar för gemensamma tjänster": the catalogue shows "pris, tjänstens omfattning,
# servicenivå, målgrupp och informationssäkerhetsnivå liksom krav på kunden för att kunna ansluta sig"; the services
# "ska minst uppfylla stadens grundsäkerhetsnivå". Every service in operation gets what the catalogue lists; the
# consultant services handle no information; each service gets its customers (riktlinjen, "Nämnder och
# bolagsstyrelser": "ska använda stadens gemensamma bastjänster"), with a reference to the data processing agreement
# where it processes personal data (the board is personuppgiftsansvarig, the provider personuppgiftsbiträde).
data["format_version"] = 13
# The city's baseline (grundsäkerhetsnivå) from 2025: K1 R2 T2 on the scale 0–4.
for y in data["parameters"]["years"]:
    if y["year"] >= 2025:
        y["security_baseline"] = {"confidentiality": 1, "integrity": 2, "availability": 2}
by_name = {x["name"]: x for x in services}
# Prices of the services in operation that had none: cost allocation bases its key on a forecast price (riktlinjen,
# "Tjänster och förändringsinsatser"); a service funded by kommunbidrag states 0 kr to its customers.
for name, price, unit in [("Nätverk och wifi", 28, "användare och månad"), ("Integrationsplattform", 2400, "integration och månad"),
                          ("Kontaktcenter", 0, "ärende (finansieras med kommunbidrag)"), ("E-tjänsteplattform", 1750, "e-tjänst och månad"),
                          ("Webbpublicering goteborg.se", 0, "redaktör (finansieras med kommunbidrag)"),
                          ("Upphandlingsstöd", 0, "upphandling (finansieras med kommunbidrag)"),
                          ("Stöd för elevhälsans journalsystem", 310, "användare och månad"),
                          ("Stöd för vård- och omsorgssystem", 265, "användare och månad")]:
    by_name[name]["price"] = kr(price)
    by_name[name]["unit"] = unit
for name, conn in [("IT-servicedesk", "Medarbetaren har ett konto i stadens katalogtjänst."),
                   ("Mobiltelefoni", "Beställning via behörig beställare; telefonen registreras i stadens enhetshantering."),
                   ("Utskrift och skanning", "Skrivaren ansluts till stadens nät; användaren har tjänstekort."),
                   ("Projektledare digitalisering", "Beställaren utser en uppdragsgivare och en styrgrupp."),
                   ("Informationssäkerhetsspecialist", "Beställaren utser en kontaktperson för uppdraget."),
                   ("Webbpublicering goteborg.se", "Redaktören har gått stadens redaktörsutbildning."),
                   ("Tolkförmedling", "Beställning via tolkförmedlingens e-tjänst av behörig beställare."),
                   ("Kommunikationsstöd och klarspråk", "Beställaren utser en kontaktperson för uppdraget."),
                   ("Inköpskonsult", "Beställaren utser en kontaktperson för uppdraget.")]:
    by_name[name]["connection_requirements"] = conn
for x in services:
    no_information = x["category"] == "specialist"
    x["handles_no_information"] = no_information
    x["processes_personal_data"] = False
    x["customers"] = []
COMPANIES = ["Göteborg Energi", "Förvaltnings AB Framtiden"]
def customers(name, orgs, dpa=None, missing=()):
    x = by_name[name]
    x["processes_personal_data"] = dpa is not None
    x["customers"] = [{"organisation_id": O[o],
                       "dpa_reference": "" if dpa is None or o in missing else f"{dpa}-{O[o]:03d}"} for o in orgs]
customers("E-post och kalender", ALLB + COMPANIES, dpa="PUB-IS-2024")
customers("Datorarbetsplats", ALLB)
customers("Identitets- och behörighetshantering", ALLB + COMPANIES, dpa="PUB-IS-2023")
customers("IT-servicedesk", ALLB)
customers("Nätverk och wifi", ALLB)
customers("Lönetjänst", ALLB + ["Göteborg Energi"], dpa="PUB-IS-2022")
customers("Ekonomiservice – leverantörsfakturor", ALLB)
customers("Drift av verksamhetssystem", ["Utbildningsnämnden", "Äldre samt vård- och omsorgsnämnden", "Stadsbyggnadsnämnden"], dpa="PUB-IS-2025")
customers("Mobiltelefoni", ALLB)
customers("Utskrift och skanning", ALLB)
customers("Projektledare digitalisering", ["Stadsbyggnadsnämnden", "Kulturnämnden"])
customers("Informationssäkerhetsspecialist", ["Äldre samt vård- och omsorgsnämnden"])
customers("Integrationsplattform", ["Utbildningsnämnden", "Stadsbyggnadsnämnden", "Kretslopp och vattennämnden"])
customers("Samarbetsplattform", ALLB + COMPANIES)
customers("Kontaktcenter", ALLB, dpa="PUB-DMS-2024")
customers("E-tjänsteplattform", ALLB, dpa="PUB-DMS-2023")
customers("Webbpublicering goteborg.se", ALLB)
# Tolkförmedling processes personal data; Socialnämnd Sydväst has not signed its agreement yet (the app flags it).
customers("Tolkförmedling", SOC + ["Äldre samt vård- och omsorgsnämnden"], dpa="PUB-DMS-2025", missing=("Socialnämnd Sydväst",))
customers("Digital nämndadministration", ALLB, dpa="PUB-DMS-2022")
customers("Kommunikationsstöd och klarspråk", ["Kulturnämnden"])
customers("Upphandlingsstöd", ALLB)
customers("E-handel", ALLB)
customers("Inköpskonsult", ["Stadsmiljönämnden"])
customers("Stöd för elevhälsans journalsystem", ["Grundskolenämnden", "Utbildningsnämnden"], dpa="PUB-IS-2021")
customers("Stöd för vård- och omsorgssystem", ["Äldre samt vård- och omsorgsnämnden"], dpa="PUB-IS-2021")
# ---------- end of version 13 (part B) ----------
# ---------- issue 17, part C (format version 14): avsteg from frameworks, verksamhetsspecifika, company wording ----------
# Riktlinjen, "Tjänster och förändringsinsatser": a provider's catalogue offers bas-, tilläggs- and specialisttjänster;
# verksamhetsspecifika system och tjänster are the board's own, "Inom egen budget". Intraservice operating a board's
# system delivers the tilläggstjänst "Drift av verksamhetsspecifika system", invoiced; the catalogue holds no
# business-specific items.
data["format_version"] = 14
own = {sv["id"] for sv in data["services"] if sv["category"] == "verksamhetsspecifik"}
data["services"] = [sv for sv in data["services"] if sv["id"] not in own]
for a in data["yearly_analyses"]:
    a["security_levels"] = [l for l in a["security_levels"] if l["service_id"] not in own]
for sv in data["services"]:
    if sv["name"] == "Drift av verksamhetssystem":
        sv["name"] = "Drift av verksamhetsspecifika system"
        sv["scope"] = ("Drift, övervakning, säkerhetskopiering och uppdatering av nämndernas och bolagens egna "
                       "verksamhetsspecifika system, till exempel elevhälsans journalsystem och vård- och omsorgssystemet. "
                       "Systemen och deras förvaltning ägs av respektive nämnd eller bolag inom egen budget.")
# Company decisions are the board's (styrelsen), not a nämnd's; an avsteg keeps its written motivation and the
# decision: outcome, date and which board (riktlinjen, "Avsteg från riktlinjen").
for d in data["deviations"]:
    if d["id"] == 2:
        d["steps"][4]["note"] = "Styrelsen avstod från avsteg sedan tjänsten anpassats."
        d["motivation"] = ("Skiftarbetet i elnätsverksamheten kräver OB- och beredskapstillägg per skiftlag som "
                           "lönetjänsten inte räknar ut; manuell hantering ger fel i var tionde lön.")
        d["decision_date"] = "2026-05-27"
        d["decided_by"] = "Göteborg Energis styrelse"
    if d["id"] == 3:
        d["deadline"] = "2026-11-19"
# An avsteg from a required framework (gemensam infrastruktur), not from a service: open at the written motivation.
data["deviations"].append(
    {"id": 5, "kind": "avsteg", "service_id": None, "framework": "gemensam_infrastruktur",
     "organisation_id": O["Göteborgs Hamn"],
     "title": "Hamnens logistiksystem i egen molnmiljö",
     "description": "Hamnens terminalsystem behöver en driftmiljö nära terminalerna med avtal direkt med systemleverantören, "
                    "utanför stadens gemensamma infrastruktur.",
     "security": False, "registered": "2026-10-01", "deadline": "2026-12-31", "action_plan": "",
     "motivation": "", "outcome": None, "decision_date": "", "decided_by": "",
     "steps": [step("dialog_leverantor", "2026-10-08", "Intraservice kan inte erbjuda driftmiljö i terminalområdet före 2028."),
               step("omprovning", "2026-10-29", "Nytta och säkerhetskrav omprövade; informationssäkerheten klassas som tidigare."),
               step("ssg_informerad", "2026-11-12", "Informerades vid sammanträdet 12 november.")]})

# ---------- issue 25 (format version 15): the group's decisions on budget material and deviations ----------
# Riktlinjen, "Prioritering och beslut": the group's prioritisation "ligger sedan till grund för underlag till budget
# som administreras via stadsledningskontoret". In May the group decided the budget material it sent to SLK for the
# budget 2027 (§ 14): what it chose is kept with the decision, item by item, named as it was. Schemaläggning
# (SLK-2026-00111) went into the budget material from it; E-arkiv steg 2 has since had its frame decided.
data["format_version"] = 15
for m in data["meetings"]:
    for it in m["items"]:
        it["scenario_id"] = None
may_people = [dict(p) for p in next(m for m in data["meetings"] if m["id"] == 1)["people"]]
label_of = {i["id"]: f'{i["case_number"]} {i["title"]}' for i in data["initiatives"]}
service_name = {sv["id"]: sv["name"] for sv in data["services"]}
may_lines = ([{"item": f"initiative:{case_to_id[c]}", "label": label_of[case_to_id[c]], "chosen": True}
              for c in ["SLK-2026-00104", "SLK-2026-00111", "SLK-2026-00105"]]
             + [{"item": f"service:{sid}", "label": service_name[sid], "chosen": True} for sid in [1, 13, 15, 16, 18]]
             + [{"item": "service:10", "label": service_name[10], "chosen": False}])
data["meetings"].append(
    {"id": 29, "body": "Strategisk samordningsgrupp för digitalisering", "date": "2026-05-21", "start_time": "09:00",
     "end_time": "11:00", "place": "Stadshuset, Gustaf Adolfs torg 4A, sal Götaälv", "link": "",
     "case_number": "SLK-2026-00912", "absence_contact": "Jonas Berg, jonas.berg@stadshuset.goteborg.se",
     "minutes_checker": "Anders Nyström", "criteria_set_id": 1, "people": may_people,
     "items": [{"id": 290, "kind": "beslut", "title": "Budgetunderlag 2027–2029 till stadsledningskontoret",
                "case_number": "SLK-2026-00912", "presenter": "Jonas Berg", "officer": "Jonas Berg",
                "initiative_id": None, "service_id": None,
                "proposed_decision": "Samordningsgruppen prioriterar enligt förslaget och överlämnar budgetunderlaget till stadsledningskontoret.",
                "summary": "Budgetunderlaget till budget 2027: det som prioriteras inom de föreslagna ramarna för utveckling och förvaltning, med föreslagen finansiering.",
                "background": "Samordningsgruppens värdering och prioritering ligger till grund för underlag till budget som administreras via stadsledningskontoret.",
                "assessment": "", "confidential": False, "paragraph": 14, "deviation_id": None, "scenario_id": 1}],
     "approved_at": "2026-05-26T13:40:00Z", "approved_by": "Anders Nyström"})
data["decisions"].append(
    {"id": 29, "item_id": 290, "outcome": "prioriterad",
     "text": "Samordningsgruppen prioriterar enligt förslaget och överlämnar budgetunderlaget till stadsledningskontoret.",
     "notes": "", "budget_lines": may_lines})
# The December meeting puts the material again before the group, now against the council's decided frames for 2027,
# and informs it of the security deviation in the pupil register (the customers were informed first).
for m in data["meetings"]:
    if m["id"] == 30:
        m["items"][0]["scenario_id"] = 1
        m["items"].append(
            {"id": 301, "kind": "information", "title": "Avvikelse: behörigheter till elevregistret tas inte bort",
             "case_number": "", "presenter": "Johan Lindberg", "officer": "Johan Lindberg",
             "initiative_id": None, "service_id": None,
             "proposed_decision": "Samordningsgruppen har informerats om säkerhetsavvikelsen och lägger informationen till handlingarna.",
             "summary": "Intraservice rapporterade avvikelsen direkt till berörda kunder; samordningsgruppen informeras enligt riktlinjen.",
             "background": "", "assessment": "", "confidential": False, "paragraph": None, "deviation_id": 4,
             "scenario_id": None})

# ---------- issue 25, part 4 (format version 15): actual outcomes followed up against the frames ----------
# Riktlinjen, "Finansiering": "Finansiering för stadens digitaliseringsarbete ska hanteras inom det ordinarie budget-
# och uppföljningsarbetet." The outcome of 2026 so far (the sample's autumn) for the shared initiatives that commit
# money and have started, and for the services in operation with costs: some under their cost, some over. The
# prioritised initiatives that have not started have none recorded yet; business-specific ones never have any (their
# own boards fund and follow them up).
data["format_version"] = 15
def outcome(oid, item, development_kr, management_kr):
    return {"id": oid, "item": item, "year": 2026, "development": kr(development_kr), "management": kr(management_kr)}
initiative_ref = lambda case: f"initiative:{by_case[case]['id']}"
service_ref = lambda name: f"service:{next(x['id'] for x in data['services'] if x['name'] == name)}"
data["actual_outcomes"] = [
    outcome(1, initiative_ref("SLK-2026-00104"), 2310000, 412500),   # e-arkiv steg 2: a little under
    outcome(2, initiative_ref("SLK-2026-00105"), 1284000, 598000),   # IAM: development over, management under
    outcome(3, initiative_ref("SLK-2026-00107"), 385000, 0),         # förstudie dataanalys: under
    outcome(4, initiative_ref("SLK-2026-00110"), 1150000, 0),        # lönesystemet: only started
    outcome(5, initiative_ref("SLK-2026-00112"), 362500, 0),         # förstudie bokning: over
    outcome(6, initiative_ref("SLK-2026-00114"), 0, 1520000),        # wifi i skolor: over
    outcome(7, initiative_ref("SLK-2026-00119"), 0, 64500),          # e-handel: under
    outcome(8, service_ref("Utskrift och skanning"), 0, 871200),
    outcome(9, service_ref("Integrationsplattform"), 0, 2184000),
    outcome(10, service_ref("Samarbetsplattform"), 0, 1352000),
    outcome(11, service_ref("Kontaktcenter"), 0, 1960500),
    outcome(12, service_ref("Webbpublicering goteborg.se"), 0, 1247000),
]

# ---------- issue 26 (format version 15 still): what the group values ----------
# Riktlinjen, "Kommunstyrelsen": the group values "befintliga och nya förändringsinsatser och gemensamma tjänster";
# "Beredningsfunktionen sammanställer inkomna underlag … för ytterligare värdering och prioritering i den strategiska
# samordningsgruppen". An initiative enters the set once its material is submitted for preparation: those still in
# analysis or only identified leave the 2026–2029 set (their scores with them); those whose material is ready and whose
# provider's board was informed have been submitted.
not_yet = {case_to_id[c] for c in ["SLK-2026-00106", "SLK-2026-00109", "SLK-2026-00122", "SLK-2026-00129"]}
for cs in data["criteria_sets"]:
    cs["initiative_ids"] = [i for i in cs["initiative_ids"] if i not in not_yet]
gone = {f"initiative:{i}" for i in not_yet}
def names_gone(record):
    """Whether a score, gate result or scenario rule names an initiative that left the set (either form)."""
    return record.get("item") in gone or record.get("initiative_id") in not_yet
data["scores"] = [x for x in data["scores"] if not names_gone(x)]
data["gate_results"] = [x for x in data["gate_results"] if not names_gone(x)]
for sc in data["scenarios"]:
    def keep(ref):
        return ref not in not_yet and ref not in gone
    for key in ("forced_in", "forced_out"):
        sc[key] = [r for r in sc.get(key, []) if keep(r)]
    for key in ("dependencies", "exclusions"):
        sc[key] = [r for r in sc.get(key, []) if all(keep(v) for v in r.values())]
for i in data["initiatives"]:
    if i["case_number"] in ("SLK-2026-00108", "SLK-2026-00116", "SLK-2026-00117"):
        i["state"] = "inlamnad"

# ---------- issue 26: the sample obeys every rule of every record's state ----------
# Every initiative holds what each state it passed asks: the reuse check in the material, a K/R/T classification for
# the two förstudier, a benefits realisation plan from Initiera on (owned on the customer side), an approved plan
# with measurements when evaluated; the group's states reached by its decisions (the May meeting decides the two
# förstudier and prioritises the introduction of new staff); E-arkiv steg 2 is in the budget material, since the
# council has decided frames for 2027 only and it costs money until 2029.
by_case = {i["case_number"]: i for i in data["initiatives"]}
reuse = {
    "FSK-2026-00014": ("delvis", "Stadens lärplattform för inloggning och behörigheter"),
    "GEN-2026-00009": ("ej_ateranvandbar", "Ingen stadsgemensam lösning för elmätning finns"),
    "SBK-2026-00301": ("delvis", "Stadens e-tjänsteplattform för ansökan; 3D-visningen är ny"),
    "SLK-2026-00103": ("delvis", "Avtalet för e-legitimation används för underskriften"),
    "SLK-2026-00107": ("ej_ateranvandbar", "Ingen gemensam analysplattform finns; förstudien prövar alternativen"),
    "SLK-2026-00116": ("delvis", "Stadens incidentrapportering för informationssäkerhet"),
    "SLK-2026-00121": ("delvis", "Tillgänglighetsgranskning som goteborg.se redan köper"),
    "SLK-2026-00128": ("delvis", "Stadens webbpublicering för portalens sidor"),
}
for case, (outcome, solution) in reuse.items():
    by_case[case]["reuse_outcome"] = outcome
    by_case[case]["reuse_solution"] = solution
for case in ("SLK-2026-00107", "SLK-2026-00112"):
    by_case[case]["security"] = sec(1, 1, 1)
by_case["SLK-2026-00104"]["state"] = "i_budgetunderlag"
template = next(b for b in data["benefits"] if b["kind"] == "kvantitativ")
next_benefit = max(b["id"] for b in data["benefits"]) + 1
provider_org = {pr["id"]: pr["organisation_id"] for pr in data["providers"]}
plans = {
    "AVO-2026-00087": ("Färre onödiga nattbesök", "Nattbesök per brukare och natt", "besök", "2", "1.2", []),
    "FSK-2026-00014": ("Mindre tid för dokumentation i förskolan", "Tid för dokumentation per pedagog och vecka", "timmar", "3.5", "2.5", []),
    "GEN-2026-00009": ("Färre manuella mätaravläsningar", "Manuella avläsningar per månad", "avläsningar", "12000", "500", []),
    "GRF-2026-00212": ("Mer tid för undervisning", "Tid för administration per lärare och vecka", "timmar", "5", "3.5", []),
    "KOV-2026-00058": ("Snabbare upptäckt av föroreningar", "Tid från avvikelse till larm", "timmar", "48", "2", []),
    "KUF-2026-00019": ("Längre öppettider på biblioteken", "Öppettimmar per vecka och bibliotek", "timmar", "38", "60",
                       [("2025-06-30", "52", "Sex bibliotek meröppna."), ("2026-06-30", "61", "Alla tolv bibliotek meröppna.")]),
    "SLK-2026-00105": ("Färre felaktiga behörigheter", "Behörigheter kvar efter avslutad anställning", "konton", "340", "10", []),
    "SLK-2026-00110": ("Färre manuella lönerättelser", "Rättelser per månad", "rättelser", "900", "300", []),
    "SLK-2026-00118": ("Färre ärenden till IT-servicedesk om datorer", "Ärenden om datorer per månad", "ärenden", "5200", "3500",
                       [("2025-12-31", "4100", "Hälften av datorerna uppgraderade."), ("2026-06-30", "3400", "Alla datorer uppgraderade.")]),
    "SLK-2026-00119": ("Högre avtalstrohet i inköp", "Andel inköp via e-handel", "procent", "55", "80",
                       [("2026-06-30", "68", "Livsmedel och IT-tillbehör i e-handeln.")]),
    "SMN-2026-00077": ("Kortare handläggning av parkeringstillstånd", "Handläggningstid", "veckor", "6", "2",
                       [("2025-06-30", "2", "Digital ansökan för alla.")]),
}
for case, (name, indicator, unit, baseline, target, measurements) in plans.items():
    ini_ = by_case[case]
    provider_organisation = provider_org.get(ini_["provider_id"])
    owner = ini_["owner_id"]
    if owner == provider_organisation:
        owner = next(c for c in ini_["customer_ids"] if c != provider_organisation)
    benefit = dict(template)
    benefit.update({
        "id": next_benefit, "initiative_id": ini_["id"], "name": name,
        "description": f"{name} när {ini_['title'][0].lower() + ini_['title'][1:]} är i bruk.",
        "owner_id": owner, "indicator": indicator, "unit": unit, "baseline": baseline, "target": target,
        "baseline_date": "2025-01-15", "target_date": "2027-12-31",
        "measurement_dates": [m[0] for m in measurements] or ["2027-06-30"],
        "measurements": [{"date": d, "value": v, "comment": c} for d, v, c in measurements],
        "decided_action": "", "decided_action_date": "", "decided_action_by": "",
    })
    data["benefits"].append(benefit)
    next_benefit += 1
# The plan is established (fastställd) by the owning board when the initiative is initiated.
org_name = {o["id"]: o["name"] for o in data["organisations"]}
for case in plans:
    if not by_case[case].get("benefits_plan_approved_date"):
        by_case[case]["benefits_plan_approved_date"] = "2025-02-20"
        by_case[case]["benefits_plan_approved_by"] = org_name[by_case[case]["owner_id"]]
may = next(m for m in data["meetings"] if m["id"] == 29)
decided_items = [
    (291, 15, "SLK-2026-00107", "beslutad", "Samordningsgruppen beslutar att genomföra förstudien om en plattform för dataanalys under 2026."),
    (292, 16, "SLK-2026-00112", "beslutad", "Samordningsgruppen beslutar att genomföra förstudien om gemensam bokning av lokaler under 2026."),
    (293, 17, "SLK-2026-00127", "prioriterad", "Samordningsgruppen prioriterar den digitala introduktionen av nyanställda för planperioden."),
]
for item_id, paragraph, case, outcome, text in decided_items:
    ini_ = by_case[case]
    may["items"].append({"id": item_id, "kind": "beslut", "title": ini_["title"], "case_number": case,
                         "presenter": "Jonas Berg", "officer": "Jonas Berg", "initiative_id": ini_["id"],
                         "service_id": None, "proposed_decision": text, "summary": ini_["description"],
                         "background": "", "assessment": "", "confidential": False, "paragraph": paragraph,
                         "deviation_id": None, "scenario_id": None})
    data["decisions"].append({"id": item_id, "item_id": item_id, "outcome": outcome, "text": text, "notes": ""})

# ---------- issue 26, part 3 (format version 16): a valuation round in the members' packages ----------
# The 3 December meeting values the whole criteria set: one agenda item is the valuation of the meeting's set, so the
# members' packages carry every initiative and service of the set to score (not only the four with items of their
# own). It stands before "Övriga frågor".
data["format_version"] = 16
for m in data["meetings"]:
    for it in m["items"]:
        it["valuation"] = False
all_item_ids = {it["id"] for m in data["meetings"] for it in m["items"]}
assert 14 not in all_item_ids
december = next(m for m in data["meetings"] if m["id"] == 2)
december["items"].insert(len(december["items"]) - 1, {
    "id": 14, "kind": "beslut", "title": "Värdering av gemensamma insatser och tjänster 2026–2029",
    "case_number": "", "presenter": "Jonas Berg", "officer": "Jonas Berg",
    "initiative_id": None, "service_id": None,
    "proposed_decision": "Samordningsgruppen fastställer värderingen av insatserna och tjänsterna i kriterieuppsättningen Kriterier 2026–2029 som underlag för prioriteringen inför budget 2027.",
    "summary": "Ledamöterna har före mötet värderat var och en av de gemensamma insatserna och tjänsterna i kriterieuppsättningen mot kriterierna, i sina ledamotspaket. Värderingen sammanställs med medelvärde, spridning och samsyn per kriterium.",
    "background": "Värderingen ligger till grund för samordningsgruppens prioritering och för budgetunderlaget till stadsledningskontoret.",
    "assessment": "Där ledamöterna är oeniga redovisas det i oenighetslistan och tas upp på mötet.",
    "confidential": False, "paragraph": None, "deviation_id": None, "scenario_id": None, "valuation": True})

# ---------- issue 26, part 1 (format version 16): the analyses in the cycle ----------
# Riktlinjen, "Prioritering och beslut": the analysis holds "en analys av pågående och planerade satsningar, behov av
# utveckling". A development need may carry its estimated cost per year, which the group can take into its service's
# planned costs once it has taken part of the analysis (Intraservice's is presented). Each analysis that is handed in
# lists investments, needs and requirements (an explicit "none" is also an answer) and a level for each of the
# provider's services; the due day of the analyses is the city's practice (31 October of the year before, the
# default): Inköp och upphandling's 2027 analysis is still a draft after it, so it shows as late.
data["format_version"] = 16
need_costs = {
    (1, "Självservice för behörigheter"): [(2027, 450000), (2028, 150000)],
    (1, "Arkivering direkt från verksamhetssystemen"): [(2027, 600000)],
    (1, "Redundant anslutning för driftmiljön"): [(2028, 1200000)],
    (2, "Gemensam ärendestatus för invånare"): [(2027, 350000), (2028, 200000)],
}
for a in data["yearly_analyses"]:
    for n in a["development_needs"]:
        n["costs"] = [{"year": y, "amount": kr(amount)} for y, amount in need_costs.get((a["provider_id"], n["title"]), [])]
        n["in_service_costs"] = False

# ---------- issue 26, part 5 (format version 17): the customers' change of ways of working, external executors ----------
# Riktlinjen, "Realisera och följa upp nytta och effekter": "Det är kunden som ansvarar för att implementera
# verksamhetsförändringen, till exempel nya arbetssätt"; "val av leverantör … vilket kan innebära att en extern
# utförare anlitas".
for i in data["initiatives"]:
    i.setdefault("executor", "")
    i.setdefault("business_change", "")
business_change = {
    "AVO-2026-00087": "Hemtjänstgrupperna planerar nattillsynen efter larmen i stället för fasta rundor; rutinen för samtycke uppdateras.",
    "SLK-2026-00114": "Skolorna låter eleverna använda egna och skolans enheter i alla salar; IT-ansvariga lärare tar över felanmälan.",
    "FSK-2026-00014": "Pedagogerna dokumenterar i appen under dagen i stället för i efterhand; uppföljningen i arbetslagen görs i verktyget.",
    "SLK-2026-00119": "Beställare i förvaltningarna handlar i e-handeln i stället för via fakturor utanför avtal.",
    "SMN-2026-00077": "Handläggarna beslutar i e-tjänsten och skickar besluten digitalt; pappersblanketten tas bort.",
    "KUF-2026-00019": "Biblioteken bemannar färre timmar och erbjuder meröppet med inpassering; personalens tid går till programverksamhet.",
    "SLK-2026-00118": "Medarbetarna lämnar in gamla datorer vid byte och använder självbetjäningen för programvara.",
}
for case, text in business_change.items():
    by_case[case]["business_change"] = text
by_case["SLK-2026-00114"]["executor"] = "Upphandlad nätentreprenör (ramavtal Nätverkstjänster 2024)"
by_case["GEN-2026-00009"]["executor"] = "Mätartillverkarens installationspartner"

# ---------- issue 26, part 5 (format version 17): the baseline and personal data as the guideline says them ----------
# Riktlinjen, "Nämnder med särskilt ansvar för gemensamma tjänster": "De gemensamma tjänsterna ska minst uppfylla stadens
# grundsäkerhetsnivå, se Göteborgs Stads riktlinje för informationssäkerhet." The baseline is decided there, a set of
# safeguards whatever a service's classification, so each service records the provider's assessment against it,
# apart from its K/R/T: most services meet it; Utskrift och skanning does not, with its shortfalls named; E-handel is
# in operation but not yet assessed (Inköp och upphandling is late with its yearly analysis too); the services not in
# operation yet are not assessed. The yearly K1 R2 T2 stays, as what it is: the city's practice of a least
# classification (Stadens rutin), no longer called the baseline.
# Personal data ("Nämnder och bolagsstyrelser": each board "ska fastställa instruktioner gällande leverantörers
# behandling av personuppgifter"): every customer of a service whose provider processes personal data on its behalf
# has the reference to its board's instructions; the nämnder are one legal person with the providing nämnd, so only the
# companies have a data processing agreement as well. Socialnämnd Sydväst has not decided its instructions for
# Tolkförmedling yet (the app flags it, and refuses nothing).
data["format_version"] = 17
for y in data["parameters"]["years"]:
    y["least_classification"] = y.pop("security_baseline", None)
ASSESSED = {1: ("2026-03-16", "Maria Lindqvist, informationssäkerhetssamordnare, Intraservice"),
            2: ("2026-04-08", "Johan Ek, informationssäkerhetssamordnare, Demokrati och medborgarservice"),
            3: ("2026-05-20", "Sara Nordin, informationssäkerhetssamordnare, Inköp och upphandling")}
SHORTFALLS = {"Utskrift och skanning": (
    "Drygt 300 av stadens cirka 2 100 skrivare är äldre modeller som inte längre får säkerhetsuppdateringar och som "
    "skickar skannade dokument okrypterat till e-post. På dessa skrivare loggas inte vem som hämtar ut en utskrift. "
    "Skrivarna byts ut under 2027 enligt leverantörens åtgärdsplan.")}
NOT_ASSESSED = {"E-handel"}
company_ids = {O[c] for c in COMPANIES}
for x in data["services"]:
    date, by = ASSESSED[x["provider_id"]]
    if x["state"] != "i_drift" or x["name"] in NOT_ASSESSED:
        x["baseline"], x["baseline_assessed_date"], x["baseline_assessed_by"] = "inte_bedomd", "", ""
        x["baseline_shortfalls"] = ""
    elif x["name"] in SHORTFALLS:
        x["baseline"], x["baseline_assessed_date"], x["baseline_assessed_by"] = "uppfyller_inte", date, by
        x["baseline_shortfalls"] = SHORTFALLS[x["name"]]
    else:
        x["baseline"], x["baseline_assessed_date"], x["baseline_assessed_by"] = "uppfyller", date, by
        x["baseline_shortfalls"] = ""
    for c in x["customers"]:
        agreement = c["dpa_reference"]
        c["instructions_reference"] = agreement.replace("PUB-", "PUI-", 1) if agreement else ""
        if c["organisation_id"] not in company_ids:
            c["dpa_reference"] = ""
assert sum(x["baseline"] == "uppfyller_inte" for x in data["services"]) == 1

# ---------- issue 26, part 5 (format version 17): customers are förvaltningar and bolag ----------
# Riktlinjen, "Begrepp": "Kund Förvaltningar och bolag inom kommunkoncernen"; "Avsteg från riktlinjen": "Alla avsteg
# ska efter dialog med ansvarig leverantör utförligt motiveras av förvaltningen/bolaget. Berörd nämnd/bolagsstyrelse
# ska fatta beslut om avsteg." Every nämnd gets its förvaltning (the city's names), which takes the nämnd's place as a
# customer of services, initiatives and funding cases, as the organisation of an avsteg or avvikelse, and as the owner
# of a benefit it owned as a customer; the nämnder keep owning initiatives and being the providers' boards. An avsteg
# whose decision is recorded names the deciding nämnd, or the bolag whose styrelse decided.
ADMINISTRATIONS = {
    "Intraservice": "Intraserviceförvaltningen",
    "Demokrati och medborgarservice": "Förvaltningen för demokrati och medborgarservice",
    "Inköp och upphandling": "Förvaltningen för inköp och upphandling",
    "Förskolenämnden": "Förskoleförvaltningen",
    "Socialnämnd Centrum": "Socialförvaltningen Centrum",
    "Socialnämnd Hisingen": "Socialförvaltningen Hisingen",
    "Socialnämnd Nordost": "Socialförvaltningen Nordost",
    "Socialnämnd Sydväst": "Socialförvaltningen Sydväst",
    "Nämnden för funktionsstöd": "Förvaltningen för funktionsstöd",
    "Kulturnämnden": "Kulturförvaltningen",
    "Idrotts- och föreningsnämnden": "Idrotts- och föreningsförvaltningen",
    "Miljö- och klimatnämnden": "Miljöförvaltningen",
    "Kretslopp och vattennämnden": "Kretslopp och vatten",
    "Stadsbyggnadsnämnden": "Stadsbyggnadskontoret",
    "Stadsmiljönämnden": "Stadsmiljöförvaltningen",
    "Stadsfastighetsnämnden": "Stadsfastighetsförvaltningen",
}
for board, name in ADMINISTRATIONS.items():
    O[name] = len(data["organisations"]) + 1
    data["organisations"].append({"id": O[name], "name": name, "kind": "forvaltning", "parent_id": O[board]})
admin_of = {o["parent_id"]: o["id"] for o in data["organisations"] if o["kind"] == "forvaltning"}
boards = {o["id"] for o in data["organisations"] if o["kind"] == "namnd"}
moved = lambda i: admin_of[i] if i in boards else i
def dedupe(ids):
    out = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out
for x in data["services"]:
    seen = {}
    for c in x["customers"]:
        c["organisation_id"] = moved(c["organisation_id"])
        seen.setdefault(c["organisation_id"], c)
    x["customers"] = sorted(seen.values(), key=lambda c: c["organisation_id"])
initiatives_by_id = {i["id"]: i for i in data["initiatives"]}
for b in data["benefits"]:
    i = initiatives_by_id[b["initiative_id"]]
    if b.get("owner_id") and b["owner_id"] != i.get("owner_id") and b["owner_id"] in i["customer_ids"]:
        b["owner_id"] = moved(b["owner_id"])
for i in data["initiatives"]:
    i["customer_ids"] = dedupe([moved(c) for c in i["customer_ids"]])
for f in data["funding_cases"]:
    for c in f["customers"]:
        c["organisation_id"] = moved(c["organisation_id"])
    assert len({c["organisation_id"] for c in f["customers"]}) == len(f["customers"])
parent = {o["id"]: o["parent_id"] for o in data["organisations"]}
kind = {o["id"]: o["kind"] for o in data["organisations"]}
for d in data["deviations"]:
    if d["organisation_id"]:
        d["organisation_id"] = moved(d["organisation_id"])
    by = d.pop("decided_by", "")
    o = d["organisation_id"]
    decided = d["kind"] == "avsteg" and (by or d.get("outcome") or d.get("decision_date")
                                         or any(x["step"] == "namndbeslut" for x in d["steps"]))
    d["decided_by_id"] = (o if kind[o].startswith("bolag") else parent[o]) if decided and o else None

# ---------- issue 28: the standard opening items ----------
# Every meeting opens with the city's formalities (the engine's `meeting::opening_items`): the opening, the choice of
# who checks the minutes with the chair, the approval of the agenda and the declaration of jäv. Created last so that
# the other items keep their ids; placed first. The held meetings record them in the minutes, paragraphs before
# their first.
def opening(first_id, checker, first_paragraph=None):
    titles = ["Mötets öppnande", "Val av justerare", "Godkännande av dagordningen", "Anmälan om jäv"]
    return [{"id": first_id + n, "kind": "ovrigt", "title": title, "case_number": "", "presenter": "", "officer": "",
             "initiative_id": None, "service_id": None, "proposed_decision": "", "summary": "",
             "background": "", "assessment": "", "confidential": False,
             "paragraph": None if first_paragraph is None else first_paragraph + n,
             "deviation_id": None, "scenario_id": None, "valuation": False} for n, title in enumerate(titles)]
held_decisions = {
    "Mötets öppnande": ("noterad", "Ordföranden öppnade mötet."),
    "Val av justerare": ("beslutad", "Samordningsgruppen utser {checker} att jämte ordföranden justera protokollet."),
    "Godkännande av dagordningen": ("beslutad", "Dagordningen godkänns."),
    "Anmälan om jäv": ("noterad", "Ingen anmälde jäv."),
}
taken_items = {it["id"] for m in data["meetings"] for it in m["items"]}
taken_decisions = {d["id"] for d in data["decisions"]}
for meeting_id, first_id in [(1, 400), (29, 410), (2, 420), (30, 430)]:
    m = next(x for x in data["meetings"] if x["id"] == meeting_id)
    paragraphs = [it["paragraph"] for it in m["items"] if it["paragraph"] is not None]
    first_paragraph = min(paragraphs) - 4 if paragraphs else None
    items = opening(first_id, m["minutes_checker"], first_paragraph)
    assert not taken_items & {it["id"] for it in items}
    m["items"] = items + m["items"]
    if m["approved_at"]:
        for it in items:
            outcome, text = held_decisions[it["title"]]
            assert it["id"] not in taken_decisions
            data["decisions"].append({"id": it["id"], "item_id": it["id"], "outcome": outcome,
                                      "text": text.replace("{checker}", m["minutes_checker"]), "notes": ""})

print("scores", len(scores))
json.dump(data,open(OUT,"w"),ensure_ascii=False,indent=2)
open(OUT,"a").write("\n")
