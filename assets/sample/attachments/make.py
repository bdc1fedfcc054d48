"""Makes the sample's attachments: a pre-study summary (PDF, fonts embedded) and a chart (PNG).

Only needed to change them; the files are committed. Needs reportlab and Pillow:
    python3 -m venv /tmp/gen && /tmp/gen/bin/pip install reportlab pillow
    /tmp/gen/bin/python assets/sample/attachments/make.py
then run assets/sample/generate.py to put them into the sample portfolio.
"""
import os

from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = os.path.join(HERE, "..", "..", "fonts")

pdfmetrics.registerFont(TTFont("Noto", os.path.join(FONTS, "NotoSans-Regular.ttf")))
pdfmetrics.registerFont(TTFont("NotoBold", os.path.join(FONTS, "NotoSans-Bold.ttf")))
# Every font in the file embedded: no Helvetica as the canvas's initial font.
rl_config.canvas_basefontname = "Noto"

body = ParagraphStyle("body", fontName="Noto", fontSize=10, leading=14, spaceAfter=6)
h1 = ParagraphStyle("h1", fontName="NotoBold", fontSize=16, leading=20, spaceAfter=10)
h2 = ParagraphStyle("h2", fontName="NotoBold", fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)

story = [
    Paragraph("Förstudie: ny e-tjänsteplattform – sammanfattning", h1),
    Paragraph("Demokrati och medborgarservice, oktober 2026. Dnr SLK-2026-00101.", body),
    Paragraph("Syfte", h2),
    Paragraph(
        "Förstudien har undersökt hur stadens e-tjänster ska drivas när avtalet för nuvarande plattform löper ut "
        "2027. Tre alternativ har jämförts: förlängd drift med ny upphandling av samma slag, en gemensam plattform "
        "som tjänst och att varje nämnd väljer egen lösning.", body),
    Paragraph("Slutsatser", h2),
    Paragraph(
        "En gemensam plattform som tjänst ger lägst totalkostnad och bäst återanvändning. Egna lösningar per nämnd "
        "beräknas kosta nästan tre gånger så mycket under planeringsperioden och försvårar informationssäkerhet och "
        "tillgänglighet.", body),
    Spacer(1, 4 * mm),
]
rows = [["Alternativ", "Utveckling (tkr)", "Förvaltning/år (tkr)", "Bedömning"],
        ["Förlängd drift", "2 100", "3 050", "Löser inte livslängden"],
        ["Gemensam plattform", "7 300", "2 400", "Rekommenderas"],
        ["Egen lösning per nämnd", "19 800", "6 900", "Avråds"]]
table = Table(rows, colWidths=[55 * mm, 32 * mm, 38 * mm, 45 * mm])
table.setStyle(TableStyle([
    ("FONT", (0, 0), (-1, -1), "Noto", 9.5),
    ("FONT", (0, 0), (-1, 0), "NotoBold", 9.5),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dbe9f4")),
    ("ALIGN", (1, 1), (2, -1), "RIGHT"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0b4ba")),
]))
story += [table, Spacer(1, 6 * mm), Paragraph("Risker", h2)]
for risk in [
    "Upphandlingen kan överprövas, vilket kan försena bytet med upp till ett halvår.",
    "Migreringen av 140 e-tjänster kräver att förvaltningarna avsätter tid för test.",
    "Tredjelandsöverföring av personuppgifter ska uteslutas i kravställningen.",
]:
    story.append(Paragraph("• " + risk, body))
story.append(Paragraph("Fortsatt arbete", h2))
story.append(Paragraph(
    "Förstudien föreslår att samordningsgruppen prioriterar insatsen och att kostnaderna fördelas på de nämnder "
    "som använder plattformen, efter antal ärenden.", body))

doc = SimpleDocTemplate(os.path.join(HERE, "forstudie-e-tjansteplattform.pdf"), pagesize=A4,
                        title="Förstudie: ny e-tjänsteplattform", author="Demokrati och medborgarservice",
                        leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm, bottomMargin=20 * mm,
                        invariant=1)
doc.build(story)

# A chart of cases per year, as a bitmap a provider might paste in.
w, h = 1200, 700
img = Image.new("RGB", (w, h), "white")
d = ImageDraw.Draw(img)
font = ImageFont.truetype(os.path.join(FONTS, "NotoSans-Regular.ttf"), 26)
bold = ImageFont.truetype(os.path.join(FONTS, "NotoSans-Bold.ttf"), 34)
d.text((60, 30), "Ärenden i e-tjänsteplattformen per år", fill=(25, 25, 30), font=bold)
years = [("2021", 121), ("2022", 148), ("2023", 171), ("2024", 186), ("2025", 203), ("2026", 214)]
base, left, bar_w, gap = 600, 120, 120, 50
for i, (year, thousands) in enumerate(years):
    x = left + i * (bar_w + gap)
    top = base - thousands * 2
    d.rectangle([x, top, x + bar_w, base], fill=(0, 84, 140))
    d.text((x + 22, top - 40), f"{thousands} 000", fill=(60, 60, 70), font=font)
    d.text((x + 30, base + 12), year, fill=(25, 25, 30), font=font)
d.line([(left - 20, base), (w - 60, base)], fill=(90, 90, 100), width=3)
img.save(os.path.join(HERE, "arendevolymer.png"), optimize=True)

# A made-up emblem for the sample's document profile (not the city's real logo): a blue shield with waves.
size = 240
logo = Image.new("RGBA", (size, size), (255, 255, 255, 0))
g = ImageDraw.Draw(logo)
g.rounded_rectangle([16, 10, size - 16, size - 40], radius=18, fill=(0, 84, 140, 255))
g.polygon([(16, size - 60), (size - 16, size - 60), (size // 2, size - 4)], fill=(0, 84, 140, 255))
for k in range(3):
    y = 70 + k * 42
    points = [(40 + i * 8, y + (8 if (i // 2) % 2 else -8)) for i in range(21)]
    g.line(points, fill=(255, 205, 0, 255), width=9, joint="curve")
logo.save(os.path.join(HERE, "emblem.png"), optimize=True)
