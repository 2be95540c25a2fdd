"""The national analysis's classifications, cases and tasks that can move (seed 004).

The texts are the report's own Danish, shortened where the report runs long; the
secretariat edits them in the browser (cases) and in the admin afterwards. The report is
the Commission on Robustness in Healthcare's collection: the analysis of competence
shortage (Implement, with printed page numbers), VIVE's study of unnecessary documentation
and treatment (Del 1, cited by chapter) and the workshop summaries of Bilag 5 (slides,
cited by group). Pages are the analysis's printed page numbers; where a part of the report
has none, the part and section locate the entry and the page is left empty.
"""

from django.db import migrations

ANALYSIS = "Analysen af kompetencemangel (Implement)"
CH3 = f"{ANALYSIS}, kap. 3 Udviklingsperspektiver"
CH2 = f"{ANALYSIS}, kap. 2 Udfoldelse af den nuværende kompetencemangel – Plejeopgaven udfoldet"
VIVE = (
    "Uhensigtsmæssig dokumentation og behandling (VIVE), Del 1, kap. 5.1 Den kommunale syge- "
    "og ældrepleje – Eksempel på fremhævet indsats i kommunalt regi"
)
BILAG5 = (
    "Bilag 5: Sammendrag fra workshop om implementering af teknologi og digitale løsninger i "
    "sundhedsvæsenet (PwC, 24. april 2023)"
)

CLASSIFICATIONS = [
    # kind, code, name, description
    (
        "development",
        "organisering",
        "Organisering af opgaveløsningen",
        "Flere fagligheder og ufaglært arbejdskraft i opgaveløsningen, så plejekompetencerne "
        "frigives til opgaver på rette kompetenceniveau.",
    ),
    (
        "development",
        "teknologi",
        "Udnyttelse af teknologiske muligheder",
        "Digitale og teknologiske løsninger, der kan erstatte eller understøtte "
        "arbejdskraftintensive opgaver.",
    ),
    (
        "development",
        "rette-opgave",
        "Rette opgave på rette specialiseringsniveau",
        "Opgaver flyttes fra højere til lavere specialiseringsniveau og ud af sygehusene, i "
        "overensstemmelse med princippet om laveste effektive omsorgsniveau (LEON).",
    ),
    (
        "development",
        "overbehandling",
        "Overbehandling, behandlingsniveau og prioritering",
        "Behandlingsniveau og -forløb tilrettelægges efter patientens behov og ønsker, og "
        "unødig behandling og dokumentation reduceres.",
    ),
    (
        "development",
        "lokal-organisering",
        "Lokal organisering og incitamenter",
        "Den lokale organisering og de incitamenter, der skal være til stede for en større "
        "omstilling af sundhedsvæsenet.",
    ),
    (
        "gap",
        "moderniseringsgab",
        "Moderniseringsgab",
        "Opgaver, hvor lovgivning eller andre krav har fastsat for høje kompetencekrav, som "
        "begrænser muligheden for at nedjustere og/eller substituere kompetencer.",
    ),
    (
        "gap",
        "opdateringsgab",
        "Opdateringsgab",
        "Opgaver, hvor digitalisering og teknologi ikke er (fuldt) udnyttet.",
    ),
    (
        "gap",
        "implementeringsgab",
        "Implementeringsgab",
        "Opgaver, hvor organisering og ledelsesmæssige forhold (bredt set) ikke er tilpasset "
        "opgaverne.",
    ),
    (
        "barrier",
        "organisering-og-ressourcer",
        "Organisering og ressourcer",
        "Alt for meget basal pleje, diagnostik, udredning og behandling varetages i "
        "sygehusregi, bl.a. fordi udviklingen af vilkår, rammer og krav til opgavevaretagelse i "
        "primærsektor ikke er sket i samme takt som sygehusenes specialisering.",
    ),
    (
        "barrier",
        "faggruppegraenser",
        "Faggruppegrænser og -traditioner",
        "En traditions- og aftalebunden opgavedeling mellem faggrupperne vanskeliggør "
        "nytænkning af opgaveløsningen.",
    ),
    (
        "barrier",
        "lovgivning",
        "Lovgivning og retningslinjer",
        "Et kompleks af regler, lovgivning og retningslinjer ”skubber” på for en opgaveløsning "
        "på et unødigt højt omkostnings- og kompetenceniveau og opleves begrænsende for "
        "fleksibilitet.",
    ),
    (
        "barrier",
        "forventningspres",
        "Forventningsmæssige pres",
        "Forventninger til tilgængelighed, service og kompetenceniveau driver efterspørgslen "
        "op efter højere kompetence- og specialiseringsniveauer.",
    ),
    (
        "barrier",
        "ledelse-og-forandring",
        "Ledelse og forandring",
        "Et trægt system at omstille selv ved relativt åbenbare behov grundet stærke pres, "
        "hierarkier og traditioner.",
    ),
]

CASES = [
    {
        "slug": "horsens-hjertemedicin",
        "title": "Tværfaglighed på hjertemedicinsk afdeling i Horsens",
        "setting": "Hjertemedicinsk afdeling, Regionshospitalet Horsens",
        "specialty": "im-kardiologi",
        "specialty_text": "Hjertemedicin, sengeafsnit og ambulatorium",
        "source_part": f"{CH3} – Organisering af opgaveløsningen",
        "source_page": 38,
        "background": (
            "Hjertemedicinsk afdeling på Regionshospitalet Horsens oplevede – som mange andre – "
            "problemer med at rekruttere sygeplejersker. I erkendelse af, at problemet "
            "sandsynligvis ville være vedvarende, var der derfor behov for at finde løsninger, "
            "som reducerede behovet for sygeplejersker."
        ),
        "what_they_did": (
            "Indsatsen har omfattet to delindsatser.\n\n"
            "For det første er vagtbyrden reduceret for den enkelte medarbejder ved at skabe "
            "større integration af ambulatorie- og sengeafsnitsfunktionerne, så alt personale "
            "har funktion på sengeafsnittet. Det gør, at vagtbyrden fordeles på flere "
            "medarbejdere.\n\n"
            "For det andet er flere faggrupper og ufaglærte blevet involveret i "
            "opgaveløsningen. Der er ansat en ufaglært ”husassistent” med daglig "
            "tilstedeværelse på afdelingen, som står for praktisk og forefaldende arbejde, som "
            "tidligere blev løftet af sygeplejerskerne – f.eks. at tage ukomplicerede kald, hente "
            "mad og veje ukomplicerede patienter. Kliniske opgaver er fordelt til andre "
            "faggrupper: ergoterapeuter i plejen, farmakonomer i medicinrummet og social- og "
            "sundhedsassistenter oplært til at gå stuegang og være tættere på de akutte "
            "opgaver – alle medarbejdere som nu indgår i vagterne på lige fod med alle andre, "
            "herunder også i weekendarbejdet."
        ),
        "prerequisites_and_barriers": (
            "Ledelsen vurderer, at de væsentligste forudsætninger knytter sig til "
            "implementeringsprocessen: at behov, rationale og muligheder italesættes tydeligt, "
            "og at ledelsen har evne og villighed til at involvere personalegrupperne i alle "
            "faser. Det er medarbejdernes egne idéer til, hvilke opgaver der kan ”flyttes”, der "
            "definerer implementeringskadencen; de er startet ”i det små”. Den involverende "
            "proces har bidraget til at reducere ”fagkampene” markant.\n\n"
            "Den største vedvarende udfordring er den stigende kompleksitet i "
            "vagtplanlægningsopgaven, når de rette kompetencer fordeler sig på flere faggrupper."
        ),
        "results": (
            "Afdelingen har reduceret behovet for tilstedeværende sygeplejersker på "
            "sengeafsnittet med én sygeplejerske, så der i dag er seks sygeplejersker til stede – "
            "en reduktion på ca. 15 pct. Afdelingen oplever større ro i hverdagen, har aktuelt "
            "ingen ledige stillinger, oplever balance mellem opgaver og ressourcer og modtager "
            "regelmæssigt uopfordrede ansøgninger."
        ),
        "potential": (
            "Der er en vis forsigtighed med at vurdere potentialets omfang på sigt, bl.a. af "
            "hensyn til ”implementeringslogikken” om at starte i det små. Med det forbehold "
            "skønnes det, at ca. 20 pct. af de opgaver, sygeplejerskerne tidligere har "
            "varetaget, kan udlægges til andre faggrupper og ufaglærte."
        ),
        "classifications": [
            "organisering",
            "implementeringsgab",
            "faggruppegraenser",
            "ledelse-og-forandring",
        ],
        "perspectives": ["personalemaessig", "organisatorisk"],
        "focus_areas": [
            "Rekruttering og fastholdelse",
            "Robust personaledækning på tværs af professioner",
            "Stærke tværfaglige miljøer",
            "Ressourcemobilisering",
        ],
    },
    {
        "slug": "internetbaseret-terapi",
        "title": "Internetbaseret terapi i Region Syddanmark",
        "setting": "Center for Digital Psykiatri, Region Syddanmark",
        "specialty": None,
        "specialty_text": "Psykiatri: let til moderat angst og depression",
        "source_part": f"{CH3} – Udnyttelse af teknologiske muligheder",
        "source_page": 42,
        "background": (
            "Et vedvarende pres på det ambulante område i psykiatrien og mangel på "
            "lettilgængelige forebyggende behandlingstilbud har betydet, at psykiatrien har "
            "afprøvet digitale løsninger som erstatning for en del af ambulante besøg. Center "
            "for Digital Psykiatri har siden 2013 udviklet et internetbaseret behandlingstilbud."
        ),
        "what_they_did": (
            "Tilbuddet er baseret på kognitiv adfærdsterapi og fungerer som et støttet online "
            "selvhjælpsprogram med psykoedukation og øvelser. Patienten støttes af en psykolog "
            "med skriftlig feedback og en chat. Patienter, som har udfyldt et online "
            "ansøgningsskema, vurderes af screeningsteamet og inviteres til en udredende "
            "videosamtale; de, der lever op til inklusionskriterierne, er typisk i gang med "
            "behandling inden for 24 timer. Forløbet varer 12 uger, og relationen mellem "
            "psykolog og patient er asynkron; er der ikke aktivitet i 7 dage, følger psykologen "
            "op. Tilbuddet har siden januar 2021 været permanent, gratis og landsdækkende."
        ),
        "prerequisites_and_barriers": (
            "Tilbuddet er evidensbaseret, men i den spæde start med at nå bredere ud. Der er "
            "brug for nye strukturer og organiseringer, som understøtter skalering og "
            "udbredelse. Målgruppen ‘tilhører’ primærsektor, men mange sekundær- og "
            "tertiærsektorpatienter tiltrækkes, fordi tilbuddet er gratis og uden henvisning; der "
            "mangler et større fælles ansvar på tværs af sektorer og en fællesoffentlig tilgang "
            "til borgernes møde med digitale behandlingstilbud. Der efterspørges offentlige "
            "investeringer, finansiering af forskning og incentiver til offentlig-private "
            "partnerskaber."
        ),
        "results": (
            "Omkring 2.000 patienter har på landsplan gennemført tilbuddet, og "
            "Internetpsykiatrien tilbød over 2.200 patienter en udredende forsamtale i 2022. Der "
            "har været en høj fastholdelses- og gennemførelsesgrad, og resultaterne peger på en "
            "symptomreduktion svarende til den, der observeres i psykologtilbud til samme "
            "målgruppe."
        ),
        "potential": (
            "Stort potentiale for opskalering og nye programmer til andre lidelser og "
            "målgrupper. Øget anvendelse kan aflaste behandlerressourcer i både primær- og "
            "sekundærsektor, da behandleren kun deltager synkront ved forsamtalen."
        ),
        "classifications": ["teknologi", "opdateringsgab", "organisering-og-ressourcer"],
        "perspectives": ["faglig", "organisatorisk"],
        "focus_areas": [
            "Reducere ventelister og sikre patientrettigheder",
            "Ressourcemobilisering",
        ],
    },
    {
        "slug": "e-distriktet-haderslev",
        "title": "E-distriktet i hjemme- og sygeplejen i Haderslev Kommune",
        "setting": "Hjemme- og sygeplejen, Haderslev Kommune",
        "specialty": None,
        "specialty_text": "Kommunal hjemme- og sygepleje",
        "source_part": f"{CH3} – Udnyttelse af teknologiske muligheder",
        "source_page": 43,
        "background": (
            "Den demografiske udfordring gør, at Haderslev Kommune ser ind i en bekymrende "
            "mangel på plejepersonale, særligt social- og sundhedsassistenter. Kommunen satser "
            "strategisk på at udnytte de teknologiske muligheder bedst muligt."
        ),
        "what_they_did": (
            "Kommunen har etableret et ”e-distrikt”, som alene leverer service- og "
            "sundhedslovsindsatser gennem velfærdsteknologiske og telemedicinske løsninger. "
            "E-distriktet er bemandet med ca. 10 medarbejdere: sygeplejersker, social- og "
            "sundhedsassistenter, en fysioterapeut og medarbejdere med it-kompetencer. Borgere "
            "i målgruppen visiteres først til e-distriktet og kun sekundært til den ordinære "
            "hjemme- og sygepleje. Teknologierne omfatter bl.a. robotter til "
            "medicinadministration og -dispensering, skærmopkald, hjælp til måling af værdier "
            "og intelligent ble til udredning af inkontinens. E-distriktet er etableret som en "
            "selvstændig organisatorisk enhed som fundament for senere skalering."
        ),
        "prerequisites_and_barriers": (
            "Omstillingen handler om det ”kulturelle” mindst lige så meget som det "
            "teknologiske. Ledelsesfokus og -prioritering hele vejen op igennem systemet, også "
            "dialogen med det politiske niveau, er den væsentligste forudsætning. It- og "
            "teknologikompetencer skal være til stede, så ny teknologi kan afprøves hurtigt – i "
            "Haderslev på en uge. Der skal reelt afsættes tid til at fjerne de mange – også "
            "lavpraktiske – sten på vejen."
        ),
        "results": (
            "E-distriktet er etableret og i drift. Ca. 60-80 borgere får på ugentlig basis "
            "indsatser fra e-distriktet. De foreløbige resultater tyder på positive borger- og "
            "medarbejderoplevelser og forventede reduktioner i arbejdskraftintensiteten."
        ),
        "potential": (
            "Potentialet vurderes at være stort med allerede kendte teknologier. Det store "
            "spørgsmål er implementeringshastigheden og, på længere sigt, hvor vellykket "
            "integrationen af det digitalt understøttede og det ”traditionelle” "
            "leverancesystem bliver."
        ),
        "classifications": [
            "teknologi",
            "opdateringsgab",
            "implementeringsgab",
            "ledelse-og-forandring",
        ],
        "perspectives": ["personalemaessig", "organisatorisk"],
        "focus_areas": ["Personalenormeringer", "Ressourcemobilisering"],
    },
    {
        "slug": "fve-bilen-kolding",
        "title": "FVE-bilen fra akutafdelingen på Kolding sygehus",
        "setting": "Akutafdelingen, Kolding sygehus, med ambulanceselskabet Responce",
        "specialty": None,
        "specialty_text": "Akutområdet og det præhospitale; svagelige ældre borgere",
        "source_part": f"{CH3} – Rette opgave på rette specialiseringsniveau",
        "source_page": 48,
        "background": (
            "En gennemgang af akutafdelingens patienter viste, at særligt mange svagelige, "
            "ældre borgere ankom med B- og C-kørsler og kunne have fået et bedre tilbud end "
            "indlæggelse. I december 2022 blev et pilotprojekt sat i gang sammen med det "
            "præhospitale område."
        ),
        "what_they_did": (
            "Kolding sygehus har med ambulanceselskabet Responce etableret en udkørende, "
            "fremskudt visitationsenhed (FVE), FVE-bilen, der sendes til patienter, som Akut "
            "Medicinsk Koordinering (AMK) vurderer ikke har behov for kørsel med udrykning. "
            "Bilen er bemandet af en paramediciner og udstyret med diagnostisk udstyr. Efter "
            "vurdering, triagering og tests tages (video)kontakt til akutafdelingens "
            "speciallæger, der afgør, om patienten skal indlægges, have en subakut tid i "
            "ambulatoriet eller behandlingsafsluttes på stedet – hvor FVE-personalet kan "
            "påbegynde IV-væske og antibiotika. Kommunernes akutteams følger op samme dag eller "
            "dagene derpå."
        ),
        "prerequisites_and_barriers": (
            "Visitatorerne i AMK-vagtcentralen skal have de rette kompetencer til at finde de "
            "patienter, der har størst gavn af bilen; de har været med til at udforme "
            "retningslinjerne. FVE-personalet skal have en sundhedsfaglig baggrund, men bilen "
            "kan også bemandes med kommunalt ansatte sygeplejersker eller praktiserende læger. Et "
            "tæt samarbejde med kommunerne er en bærende forudsætning. Praktiserende læger "
            "oplever til tider, at FVE-bilen sætter spørgsmålstegn ved deres vurderinger."
        ),
        "results": (
            "De første erfaringer viser, at omkring en tredjedel af forløbene kan afsluttes på "
            "stedet, hvor almen praksis eller kommunen efterfølgende tager hånd om patienten. "
            "Det har givet mindre pres på akutafdelingen og færre unødvendige indlæggelser af "
            "ældre patienter."
        ),
        "potential": (
            "Stort potentiale i fremskudte visitationsenheder, der kvalificerer enhver mindre "
            "akut indlæggelse, og i at skalere: flere biler, flere faggrupper og at lade "
            "samarbejdspartnere rekvirere bilen."
        ),
        "classifications": [
            "rette-opgave",
            "implementeringsgab",
            "organisering-og-ressourcer",
        ],
        "perspectives": ["faglig", "organisatorisk"],
        "focus_areas": [
            "Sammenhæng mellem specialer og akuthospital",
            "Fælles populationsansvar",
            "Kapacitetsoverblik",
        ],
    },
    {
        "slug": "ehospitalet",
        "title": "eHospitalet",
        "setting": "eHospitalet, Region Sjælland",
        "specialty": None,
        "specialty_text": "Ældre medicinske patienter; ambulante forløb som PreCare KOL/TeleKOL",
        "source_part": f"{CH3} – Rette opgave på rette specialiseringsniveau",
        "source_page": 49,
        "background": (
            "For mange patienter, især ældre medicinske patienter med forholdsvis "
            "ukomplicerede forløb, er sygehusindlæggelser unødigt belastende og "
            "ressourcekrævende. eHospitalet i Region Sjælland understøtter en omstilling mod et "
            "mere nært sundhedsvæsen."
        ),
        "what_they_did": (
            "Borgere, der ellers ville være indlagt, behandles via telemedicinske løsninger "
            "hjemme eller i en kommunal institution, understøttet af mobile behandlingsenheder. "
            "eHospitalets læge har behandlingsansvaret og går virtuel stuegang. En indlæggelse "
            "kan f.eks. omfatte antibiotika (evt. i drop), væske-, smerte- og iltbehandling og "
            "tæt observation af blodprøver og vitale parametre; ambulante forløb, f.eks. PreCare "
            "KOL/TeleKOL, omfatter hjemmemonitorering. Patienter visiteres via egen læge, "
            "lægevagten eller en sygehusafdeling, herunder akutmodtagelsen."
        ),
        "prerequisites_and_barriers": (
            "Organisatorisk konstruktion: eHospitalet går på tværs af den eksisterende "
            "sygehusstruktur og bygger bro over forskellene i vilkår for regionens sygehuse og "
            "kommuner. Kompetencer hos borgere: patienterne skal tillære sig nye digitale "
            "sundhedskompetencer – en omstilling, der også stiller krav til personalets opgaver "
            "og kompetencer."
        ),
        "results": (
            "eHospitalet har dagligt indlagte patienter i eget hjem i en størrelsesorden, der "
            "svarer til en medicinsk afdeling. I alt var ca. 1.600 patienter indlagt i 2022."
        ),
        "potential": (
            "Det langsigtede potentiale i ‘hospital at home’ er stort, særligt på "
            "kronikerområdet, som støtte til opkvalificering af kommunerne og som aflastning af "
            "sygehusene i beredskabssituationer."
        ),
        "classifications": [
            "rette-opgave",
            "teknologi",
            "opdateringsgab",
            "implementeringsgab",
            "organisering-og-ressourcer",
        ],
        "perspectives": ["faglig", "organisatorisk"],
        "focus_areas": [
            "Fælles populationsansvar",
            "Distribuering af viden",
            "Kapacitetsoverblik",
        ],
    },
    {
        "slug": "tag-snakken-aalborg",
        "title": "”Tag snakken”",
        "setting": "Geriatrisk Afdeling, Aalborg Universitetshospital",
        "specialty": "im-geriatri",
        "specialty_text": "Geriatri: de sygeste og mest skrøbelige ældre patienter",
        "source_part": f"{CH3} – Overbehandling, behandlingsniveau og prioritering",
        "source_page": 52,
        "background": (
            "Patienterne på de geriatriske sengeafsnit er skrøbelige med gennemsnitligt syv "
            "samtidige sygdomme og i behandling med 10-20 præparater. Mange har i det sidste "
            "leveår gentagne, belastende indlæggelser – en indlæggelses- og behandlingsmølle, "
            "de ikke selv ville have valgt, hvis der var taget rettidige snakke om livets sidste "
            "fase."
        ),
        "what_they_did": (
            "Afdelingen ”tager snakken” med de sygeste og mest skrøbelige patienter om "
            "behandlingsniveau og -forløb i livets afslutning, så forløbet er afstemt med "
            "patientens egne ønsker. Et udkørende subakut geriatrisk ambulatorium, der er til "
            "stede på Aalborg Kommunes midlertidige pladser og plejecentre, opsøger proaktivt "
            "borgere og påbegynder snakken, ofte med de pårørende; behandlingsansvaret ligger "
            "hos den tilknyttede geriater."
        ),
        "prerequisites_and_barriers": (
            "Kompetencer: at tage snakken er først og fremmest et kompetencemæssigt spørgsmål; "
            "der er gode erfaringer med et tværfagligt team af geriater, plejepersonale og fysio- "
            "og ergoterapeuter. Behandlingsansvar: med de nuværende rammer for almen praksis "
            "forankres det på sygehuset. Samarbejde mellem sygehus og kommune: i Aalborg "
            "‘køber’ kommunen en geriater fra AAUH til stuegang på akutpladserne."
        ),
        "results": (
            "Færre indlæggelser på AAUH for de patienter, der er tilknyttet det udkørende "
            "ambulatorium, og større ro og tryghed i personalegrupperne på de kommunale "
            "institutioner."
        ),
        "potential": (
            "Et perspektiv er at tænke den kommunale sengekapacitet mere i retning af et "
            "”geriatrisk hospital” med langt bedre adgang til geriatriske kompetencer, hvor "
            "pleje, behandling og behandlingsniveau tilrettelægges på de ældres præmisser."
        ),
        "classifications": [
            "overbehandling",
            "implementeringsgab",
            "organisering-og-ressourcer",
        ],
        "perspectives": ["faglig", "organisatorisk"],
        "focus_areas": [
            "Ensartede behandlingstilbud af høj kvalitet – ensartet ‘værdikæde’",
            "Stærke tværfaglige miljøer",
            "Sammenhæng mellem specialer og akuthospital",
        ],
    },
    {
        "slug": "ouh-vagtbyrde",
        "title": "Fordeling af vagtbyrden på Odense Universitetshospital",
        "setting": "Odense Universitetshospital (OUH)",
        "specialty": None,
        "specialty_text": "Sygepleje på tværs af sygehusets afdelinger",
        "source_part": f"{CH3} – Lokal organisering og incitamenter",
        "source_page": 55,
        "background": (
            "OUH har oplevet udfordringer med rekruttering og fastholdelse af sygeplejersker, "
            "mest udtalt i funktioner med tung vagtbyrde. I 2022 blev der gjort en fornyet "
            "indsats for at skabe større fleksibilitet i anvendelsen af sygeplejerskerne."
        ),
        "what_they_did": (
            "På tværs af hele OUH er indført et princip om en mere ligelig fordeling af "
            "vagtbyrden: alle nye stillinger skal som minimum have 1/3 funktion i et sengeafsnit "
            "eller tilsvarende aften-, nat- og weekendvagter i andre funktioner; der er ingen "
            "nyansættelser med funktion alene i et ambulatorium. Ambitionen er højst vagt hver 3. "
            "weekend, hvor specialistressourcerne tillader det. Ansatte i udviklings-, "
            "forsknings- og projektfunktioner skal have mindst halvdelen af deres tid i "
            "klinikken. Principperne gælder alle nyansættelser opslået efter 31. august 2022, "
            "også interne skift."
        ),
        "prerequisites_and_barriers": (
            "Stillinger på tværs af ambulatorier og sengeafsnit gør ledelsesansvaret og "
            "planlægningen mere kompliceret og forudsætter et stærkt samarbejde, også "
            "ledelsesmæssigt. Der er behov for dialog om udmøntningen, før ændringerne "
            "implementeres, og for at gentænke introduktionen af nye medarbejdere. Nogle af de "
            "sværeste udfordringer er afværget ved kun at lade principperne gælde for "
            "nyansættelser og interne jobskifte."
        ),
        "results": (
            "På de afdelinger, der er længst fremme, indgår flere i vagtarbejdet. Der er "
            "foreløbige tegn på større arbejdsglæde og faglig mening, f.eks. med erfarne "
            "sygeplejersker i vagt på sengeafsnit med mange nyuddannede."
        ),
        "potential": (
            "På kort sigt større udbredelse inden for sygehuset; på sigt f.eks. fælles "
            "løsninger på tværs af region(er), så en mere ligelig fordeling af vagtbyrden "
            "bliver et grundvilkår."
        ),
        "classifications": [
            "lokal-organisering",
            "implementeringsgab",
            "ledelse-og-forandring",
        ],
        "perspectives": ["personalemaessig"],
        "focus_areas": [
            "Rekruttering og fastholdelse",
            "Fleksibilitet",
            "Ensartede arbejdsforhold",
            "Personaletrivsel",
        ],
    },
    {
        "slug": "soenderborg-dokumentation",
        "title": "Kvalitet og forenkling af dokumentation i Sønderborg Kommune",
        "setting": (
            "Sønderborg Kommune, med leverandøren af den elektroniske omsorgsjournal og Dansk "
            "Selskab for Patientsikkerhed"
        ),
        "specialty": None,
        "specialty_text": "Kommunal syge- og ældrepleje",
        "source_part": VIVE,
        "source_page": None,
        "background": "",
        "what_they_did": (
            "Sønderborg Kommune har gennemført en kritisk gennemgang og revision af lokal "
            "praksis for registrering og dokumentation. To væsentlige elementer har været at "
            "understøtte en kultur med tillid til og lydhørhed over for medarbejdernes "
            "observationer om mulige forbedringer, og at øge andelen af direkte borgertid – bl.a. "
            "ved at større dele af dokumentationsarbejdet foretages i borgerens hjem for at øge "
            "tryghed og mindske risiko for fejl."
        ),
        "prerequisites_and_barriers": (
            "Projektet er gennemført i samarbejde med leverandøren af omsorgsjournalen og Dansk "
            "Selskab for Patientsikkerhed. Med afsæt i projektet er der udarbejdet et "
            "inspirationskatalog med de anvendte metoder og læringspunkter."
        ),
        "results": (
            "Der er fjernet 92 papirskemaer til registrering og gennemført 10 ændringer i "
            "omsorgsjournalen, der sparer tid og forbindes med øget arbejdsglæde."
        ),
        "potential": (
            "Flere interviewpersoner fremhæver projektet som et godt eksempel på, hvordan der på "
            "et generelt niveau kan arbejdes med kvalitet og forenkling af lokal "
            "dokumentationspraksis."
        ),
        "classifications": [
            "overbehandling",
            "implementeringsgab",
            "opdateringsgab",
            "ledelse-og-forandring",
        ],
        "perspectives": ["personalemaessig", "faglig"],
        "focus_areas": ["Personaletrivsel", "Ressourcemobilisering"],
    },
    {
        "slug": "ward-24-7",
        "title": "WARD 24/7",
        "setting": (
            "AI-baseret kontinuerlig overvågning af indlagte patienter; privat-offentligt "
            "partnerskab med spinout"
        ),
        "specialty": None,
        "specialty_text": "Sengeafsnit: overvågning af vitale værdier",
        "source_part": f"{BILAG5} – Gruppe 1 og 2: Case: Ward 24/7, og casens oplæg",
        "source_page": None,
        "background": (
            "Manuel monitorering (EWS) forebygger ikke nok komplikationer og er tidskrævende, "
            "og kontinuerlig overvågning giver alarmtræthed."
        ),
        "what_they_did": (
            "AI fortolker vital-signalmønstre og skaber tryghed: klinisk intelligente alarmer, "
            "der fjerner irrelevante alarmer, og co-kreerede intuitive interfaces. Udviklet som "
            "forskningsprojekt (Grand Solution) og derefter prototype, klinisk validering og "
            "CE-mærkning i et privat-offentligt partnerskab med en spinout."
        ),
        "prerequisites_and_barriers": (
            "Workshoppen pegede på, at de sundhedsprofessionelle ikke må opleve at være udsatte "
            "ved ibrugtagning af nye løsninger; behov for en generisk implementeringsmodel med "
            "tydelige roller og for at afsætte ressourcer til implementering, også i "
            "it-afdelingen; Sundhedslov og autorisationslov er ikke tilpasset moderne virkelighed; "
            "evidens kræves up-front, men er vanskelig at tilvejebringe; gode løsninger spredes "
            "ikke af sig selv. Fra afdelingen: gamle vaner skal brydes, og ny teknologi opleves "
            "som merarbejde."
        ),
        "results": (
            "Oplægget nævner mere end 2.000 observerede patienter, randomiserede forsøg (n=400) "
            "og to tidsstudier; data var endnu ikke publiceret. Fra afdelingen: ”Det virker ret "
            "godt ude på afdelingen” – løsningen giver ro i sindet, også for patienter og "
            "pårørende."
        ),
        "potential": (
            "WARD-CSS skal reducere komplikationer og skabe ro og tid. Workshoppen foreslog "
            "forandringsambassadører blandt læger og sygeplejersker og modeller, der sikrer "
            "midler til implementering."
        ),
        "classifications": [
            "teknologi",
            "opdateringsgab",
            "moderniseringsgab",
            "lovgivning",
            "ledelse-og-forandring",
        ],
        "perspectives": ["faglig", "personalemaessig"],
        "focus_areas": ["Fagligt kompetent personale", "Personalenormeringer"],
    },
    {
        "slug": "digirehab",
        "title": "DigiRehab",
        "setting": "Kommunal træning af borgere (workshopcase)",
        "specialty": None,
        "specialty_text": "Kommunal genoptræning og pleje",
        "source_part": f"{BILAG5} – Gruppe 3 og 4: Case: DigiRehab",
        "source_page": None,
        "background": "",
        "what_they_did": (
            "Med teknologien som hjælp kan social- og sundhedsassistenter udføre "
            "træningsopgaver, som traditionelt har været ejet af fysioterapeuter. "
            "Fysioterapeuterne har ikke en udfordring med det i den konkrete case, da de ikke "
            "finder de konkrete træningsopgaver fagligt motiverende."
        ),
        "prerequisites_and_barriers": (
            "Adgang til data er en væsentlig barriere: manglende hjemmel til at bruge data (fx "
            "til at træne algoritmer), for lidt datadeling mellem sektorer, system-siloer og "
            "udfordringer med cloud-løsninger. Udbredelsen er sårbar, fordi den afhænger af "
            "lokale ildsjæle og ledere. Kommunernes økonomi kræver ‘her-og-nu’-besparelser; der "
            "mangler investeringsmodeller og personaleressourcer til implementering."
        ),
        "results": "",
        "potential": (
            "Teknologien kan flytte magt og opgaver. Workshoppen fremhævede ‘drejebøger’ som "
            "afsæt for fælles udbredelse og genbrug af løsninger og behovet for ”mere lys på de "
            "gode cases”."
        ),
        "classifications": [
            "teknologi",
            "opdateringsgab",
            "moderniseringsgab",
            "faggruppegraenser",
            "lovgivning",
        ],
        "perspectives": ["personalemaessig", "organisatorisk"],
        "focus_areas": [
            "Robust personaledækning på tværs af professioner",
            "Ressourcemobilisering",
        ],
    },
    {
        "slug": "samlet-patientoverblik",
        "title": "Et Samlet Patientoverblik",
        "setting": "Fællesoffentlig løsning; oplæg fra Aarhus Kommune",
        "specialty": None,
        "specialty_text": "På tværs af sektorer",
        "source_part": f"{BILAG5} – Gruppe 5: Case: Et Samlet Patientoverblik, og casens oplæg",
        "source_page": None,
        "background": "",
        "what_they_did": (
            "Samlet Patientoverblik er fælles stamkort, aftaleoversigten og planer og indsatser "
            "(planer og mål) delt på tværs af sundhedsvæsenet, bygget på infrastruktur og "
            "services, som kan bygges videre på."
        ),
        "prerequisites_and_barriers": (
            "To målgrupper – borgere og medarbejdere – med nogle gange modsatrettede behov. "
            "Lovgivning har fyldt meget og er langsommelig at ændre; kommunen har to "
            "lovgivninger, og kun udvalgte paragraffer fra serviceloven må deles. Logning har "
            "skabt modstand. Få ressourcer til at udvikle den gode løsning til medarbejderne; "
            "sideløbende udvikling har skabt konkurrerende løsninger. Workshoppen: jura er "
            "vigtigt, men ikke blandt de største barrierer – der mangler kendskab, og "
            "misfortolkninger bygger større barrierer end nødvendigt."
        ),
        "results": (
            "Lovgivningen om deling af data er ændret; overblikket er en forudsætning for øget "
            "koordinering – borgerne oplever, at ”vi ved hvad der foregår”. Overblikket indeholder "
            "færre oplysninger end forventet, og meget værdi ligger i det, der blev skåret fra."
        ),
        "potential": (
            "Ønsker: en tydelig national strategi og retning, let navigation i det digitale "
            "sundhedsvæsen uden konkurrerende løsninger, og prioritering af nationale "
            "løsninger, der skaber forudsætninger for efterfølgende løsninger."
        ),
        "classifications": [
            "teknologi",
            "opdateringsgab",
            "moderniseringsgab",
            "lovgivning",
        ],
        "perspectives": ["organisatorisk"],
        "focus_areas": ["Distribuering af viden", "Sammenhæng mellem specialer og akuthospital"],
    },
    {
        "slug": "ai-mamma",
        "title": "AI Mamma",
        "setting": "Brystkræftscreening, Herlev og Gentofte Hospital, Region Hovedstaden",
        "specialty": None,
        "specialty_text": "Radiologi: brystkræftscreening",
        "source_part": f"{BILAG5} – Gruppe 6: Case: AI Mamma, og casens oplæg",
        "source_page": None,
        "background": (
            "Screeningen omfatter 700.000 kvinder i alderen 50-69 år (216.000 i Region H) og "
            "gentages hvert andet år. Hvert billede vurderes på 1-3 minutter af 2 speciallæger "
            "uafhængigt af hinanden (krav om dobbeltblindet vurdering)."
        ),
        "what_they_did": (
            "En AI-algoritme angiver sandsynligheden for brystkræft som en risikoscore fra 0-100 "
            "(lav 0-42, middel 43-74, høj over 75) på 56 sekunder og erstatter 1 af 2 "
            "radiologer for lavrisikogruppen. Implementeret i december 2021 med udvidet "
            "anvendelse maj 2022."
        ),
        "prerequisites_and_barriers": (
            "Data kan ikke bruges til andet formål end det, de er indsamlet til (GDPR); den "
            "organisatoriske del af implementeringen er vanskelig; klinisk forankring og "
            "evidens er afgørende. For skalering til øvrige regioner: forskningsdokumentation "
            "udestår, validering til lokale forhold er nødvendig, cost-benefit er ukendt, "
            "bekymring for overdiagnostik, og det udfordrer uddannelsen af nye mammaradiologer. "
            "Der er ingen presserende kapacitetsudfordringer på mammaområdet – manglende "
            "brændende platform."
        ),
        "results": (
            "Over 2 år testet mod dobbeltblindede radiologvurderinger af 114.421 "
            "screeningsundersøgelser i Region H: sensitivitet AI 69,7 % mod radiolog 70,8 %, "
            "specificitet AI 98,6 % mod radiolog 98,1 %. Antallet af falsk positive ser ud til at "
            "kunne reduceres med 25 %. Samlet varetager algoritmen 70 % af alle "
            "screeningsundersøgelserne."
        ),
        "potential": (
            "En arbejdsgruppe under Danske Regioner er enig om, ”at der er potentiale for "
            "værdiskabelse ved at indføre AI på brystscreeningsområdet i de øvrige regioner”."
        ),
        "classifications": [
            "teknologi",
            "opdateringsgab",
            "moderniseringsgab",
            "lovgivning",
            "organisering-og-ressourcer",
        ],
        "perspectives": ["faglig", "personalemaessig"],
        "focus_areas": [
            "Reducere ventelister og sikre patientrettigheder",
            "Fagligt kompetent personale",
            "Personalenormeringer",
        ],
    },
]

TASK_SHIFTS = [
    {
        "task": "Administrative opgaver og forefaldende arbejde på et sengeafsnit",
        "level": "administrative",
        "from_whom": "Plejepersonale, overvejende sygeplejersker",
        "to_whom": "Ufaglært arbejdskraft: ”runnere”, ”husassistenter”, servicemedarbejdere",
        "specialty": "im-kardiologi",
        "specialty_text": (
            "Sengeafsnit; rapportens opgavebeskrivelse er fra et sengeafsnit med telemetri, "
            "ekkorum og holtere"
        ),
        "finding": (
            "Flere informanter skønner forsigtigt, at ca. 10 pct. af sygeplejerskernes tid på "
            "sygehusene er bundet i administrative opgaver og forefaldende arbejde. Rapportens "
            "eksempel: tage telefonen, besvare patientkald, veje patienter, servere mad og "
            "drikke, oprydning, opfyldning af medicin-, PVK- og telemetrivogne, bestille "
            "patientbefordring og rengøring, påsætte og afhente fjerntelemetri."
        ),
        "conditions": (
            "Forklaringen er historiske besparelser på supportfunktionerne og et ønske om få "
            "kompetenceprofiler i vagtplanen. Mindre udtalt på akutområdet."
        ),
        "source_part": CH2,
        "source_page": 23,
        "cases": ["horsens-hjertemedicin"],
    },
    {
        "task": "Opblanding, dosering og administration af medicin",
        "level": "clinical",
        "from_whom": "Sygeplejersker",
        "to_whom": "Farmakonomer",
        "specialty": None,
        "specialty_text": "Sygehuse og kommuner",
        "finding": (
            "Et af de mest oplagte og oftest nævnte eksempler på kliniske plejeopgaver, som "
            "andre faggrupper har lige så gode – og i nogle tilfælde bedre – forudsætninger for "
            "at løse."
        ),
        "conditions": (
            "Ofte er det ikke opgaven isoleret set, men kompleksiteten i patientens samlede "
            "tilstand, der definerer kompetencebehovet."
        ),
        "source_part": CH2,
        "source_page": 24,
        "cases": ["horsens-hjertemedicin"],
    },
    {
        "task": "Mobilisering, basal pleje med rehabiliteringssigte; bandagering og gips",
        "level": "clinical",
        "from_whom": "Plejepersonale",
        "to_whom": "Fysio- og ergoterapeuter",
        "specialty": None,
        "specialty_text": "Sengeafsnit; akutområdet (bandagering, anlæggelse af gips)",
        "finding": (
            "Fysio- og ergoterapeuter bidrager til mobilisering, basal pleje med et "
            "rehabiliterings-/genoptræningssigte og på akutområdet bandagering, anlæggelse af "
            "gips og lignende. Arbejdet går mod at integrere dem i det daglige arbejde frem for "
            "at bruge dem som ”konsulenter” ved tilkald."
        ),
        "conditions": (
            "En fagligt kvalificeret vurdering af kompetencebehovet til hver opgave og patient."
        ),
        "source_part": CH2,
        "source_page": 24,
        "cases": [],
    },
    {
        "task": "Ernæringsrelaterede opgaver",
        "level": "clinical",
        "from_whom": "Sygeplejersker",
        "to_whom": "Diætister",
        "specialty": None,
        "specialty_text": "Sygehuse og kommuner",
        "finding": (
            "Ernæringsrelaterede opgaver er i dag på både sygehuse og i kommunerne i vid "
            "udstrækning forankret hos sygeplejerskerne; diætister kan bidrage."
        ),
        "conditions": "",
        "source_part": CH2,
        "source_page": 24,
        "cases": [],
    },
    {
        "task": "Scannings- og undersøgelsesopgaver, hvor sygeplejersken eller lægen fortolker",
        "level": "clinical",
        "from_whom": "Sygeplejersker (og læger)",
        "to_whom": "Sundhedsfagligt uddannede generelt, med oplæring",
        "specialty": None,
        "specialty_text": "Sygehuse",
        "finding": (
            "Sundhedsfagligt uddannede uden specifikt uddannelsesbehov kan med forskellige "
            "grader af oplæring udføre scannings- og/eller undersøgelsesopgaver, hvor "
            "sygeplejersken (og/eller lægen) herefter fortolker resultaterne."
        ),
        "conditions": "",
        "source_part": CH2,
        "source_page": 24,
        "cases": [],
    },
    {
        "task": "Koordinering af den samlede indsats og kontinuiteten i forløbet",
        "level": "coordination",
        "from_whom": "Autoriseret plejepersonale (social- og sundhedsassistenter, sygeplejersker)",
        "to_whom": "På sigt andre faggrupper, fx fysio- og ergoterapeuter, efter opkvalificering",
        "specialty": None,
        "specialty_text": "Multisyge, ældre medicinske patienter",
        "finding": (
            "Inden for de nuværende rammer er det vanskeligt at se andre end social- og "
            "sundhedsassistenter og sygeplejersker i rollen som koordineringsansvarlig. Skal "
            "andre faggrupper træde ind i rollen, kræver det sygdomsforståelse, "
            "medicinforståelse og koordineringsevne. En kommune skønner, at fysio- og "
            "ergoterapeuter kan oplæres til det fornødne niveau på 6-12 måneder."
        ),
        "conditions": "Kræver kontinuerlig tilstedeværelse i forløbet.",
        "source_part": CH2,
        "source_page": 24,
        "cases": [],
    },
    {
        "task": "Stuegang og akutte opgaver på et hjertemedicinsk sengeafsnit",
        "level": "clinical",
        "from_whom": "Sygeplejersker",
        "to_whom": "Social- og sundhedsassistenter (oplært), ergoterapeuter, farmakonomer",
        "specialty": "im-kardiologi",
        "specialty_text": "Hjertemedicin",
        "finding": (
            "I Horsens er social- og sundhedsassistenter oplært til at gå stuegang og være "
            "tættere på de akutte opgaver; ergoterapeuter er i plejen og farmakonomer i "
            "medicinrummet, og alle indgår i vagterne. Det skønnes, at ca. 20 pct. af "
            "sygeplejerskernes tidligere opgaver kan udlægges til andre faggrupper og ufaglærte."
        ),
        "conditions": "Medarbejdernes egne idéer definerer, hvilke opgaver der flyttes.",
        "source_part": f"{CH3} – Organisering af opgaveløsningen",
        "source_page": 38,
        "cases": ["horsens-hjertemedicin"],
    },
    {
        "task": "Patienter fra akutmodtagelsen til almen praksis og den præhospitale visitation",
        "level": "specialisation",
        "from_whom": "Akutmodtagelsen",
        "to_whom": "Almen praksis; præhospital visitation med diagnostisk udstyr og virtuel "
        "adgang til speciallæge; kommunale akutfunktioner",
        "specialty": None,
        "specialty_text": "Akutområdet",
        "finding": (
            "Erfaringer fra flere regioner tyder på, at en væsentlig del af de borgere, der "
            "tidligere blev indlagt på akutmodtagelsen, kan håndteres i eget hjem, hvis den "
            "præhospitale visitation udstyres med basalt diagnostisk udstyr og har virtuel "
            "adgang til speciallæge. En leder af en akutmodtagelse: ”30 pct. og måske mere af det, "
            "vi laver i akutmodtagelsen, burde være løst i almen praksis”."
        ),
        "conditions": (
            "Befolkningens forventninger (”lægen som ansigt på sundhedsvæsenet”, åben adgang "
            "til sygehuset) og delegationsreglerne nævnes som barrierer."
        ),
        "source_part": f"{CH3} – Rette opgave på rette specialiseringsniveau",
        "source_page": 44,
        "cases": ["fve-bilen-kolding"],
    },
    {
        "task": "Indlæggelse af medicinske patienter i eget hjem",
        "level": "specialisation",
        "from_whom": "Sygehusets sengeafsnit",
        "to_whom": "eHospitalet: behandling i hjemmet eller kommunal institution via telemedicin",
        "specialty": "im-lungesygdomme",
        "specialty_text": "Ældre medicinske patienter; KOL (PreCare KOL/TeleKOL)",
        "finding": (
            "eHospitalet i Region Sjælland havde i 2022 ca. 1.600 patienter indlagt i eget hjem; "
            "eHospitalets læge har behandlingsansvaret og går virtuel stuegang. Ambulante "
            "forløb som PreCare KOL/TeleKOL omfatter hjemmemonitorering."
        ),
        "conditions": (
            "Patienterne skal tillære sig nye digitale sundhedskompetencer; eHospitalet går på "
            "tværs af sygehusstrukturen."
        ),
        "source_part": f"{CH3} – Rette opgave på rette specialiseringsniveau",
        "source_page": 49,
        "cases": ["ehospitalet"],
    },
    {
        "task": "Samtalen om behandlingsniveau i livets sidste fase, i kommunens tilbud",
        "level": "specialisation",
        "from_whom": "Gentagne indlæggelser på sygehusets geriatriske sengeafsnit",
        "to_whom": "Udkørende subakut geriatrisk ambulatorium på kommunale pladser og plejecentre",
        "specialty": "im-geriatri",
        "specialty_text": "Geriatri",
        "finding": (
            "Geriatrisk Afdeling på AAUH opsøger skrøbelige borgere på kommunens midlertidige "
            "pladser og plejecentre; Aalborg Kommune ‘køber’ en geriater til stuegang på "
            "akutpladserne. Resultat: færre indlæggelser for de tilknyttede patienter."
        ),
        "conditions": (
            "Behandlingsansvaret forankres med de nuværende rammer på sygehuset; et tværfagligt "
            "team tager snakken."
        ),
        "source_part": f"{CH3} – Overbehandling, behandlingsniveau og prioritering",
        "source_page": 52,
        "cases": ["tag-snakken-aalborg"],
    },
    {
        "task": "Den ene af to radiologers vurdering af screeningsbilleder i lavrisikogruppen",
        "level": "technology",
        "from_whom": "Speciallæger i radiologi (dobbeltblindet vurdering)",
        "to_whom": "AI-algoritme",
        "specialty": None,
        "specialty_text": "Radiologi: brystkræftscreening",
        "finding": (
            "AI-algoritmen erstatter 1 af 2 radiologer for lavrisikogruppen og varetager samlet "
            "70 % af alle screeningsundersøgelserne i Region H."
        ),
        "conditions": (
            "Validering til lokale forhold, bekymring for overdiagnostik og uddannelsen af nye "
            "mammaradiologer."
        ),
        "source_part": f"{BILAG5} – Gruppe 6: Case: AI Mamma, og casens oplæg",
        "source_page": None,
        "cases": ["ai-mamma"],
    },
    {
        "task": "Træningsopgaver for borgere",
        "level": "technology",
        "from_whom": "Fysioterapeuter",
        "to_whom": "Social- og sundhedsassistenter med teknologi (DigiRehab)",
        "specialty": None,
        "specialty_text": "Kommunal genoptræning og pleje",
        "finding": (
            "Teknologien kan flytte magt og opgaver: med DigiRehab kan SOSU'er udføre opgaver, "
            "som traditionelt har været ejet af fysioterapeuter."
        ),
        "conditions": "Faglighed går forud for faggrænser, som ikke må blive barrierer.",
        "source_part": f"{BILAG5} – Gruppe 4: Case: DigiRehab",
        "source_page": None,
        "cases": ["digirehab"],
    },
]


def load(apps, schema_editor):
    Classification = apps.get_model("inspiration", "Classification")
    Case = apps.get_model("inspiration", "Case")
    TaskShift = apps.get_model("inspiration", "TaskShift")
    Specialty = apps.get_model("specialties", "Specialty")
    Perspective = apps.get_model("sustainability", "Perspective")
    FocusArea = apps.get_model("sustainability", "FocusArea")

    classifications = {}
    for order, (kind, code, name, description) in enumerate(CLASSIFICATIONS, start=1):
        classifications[code], _ = Classification.objects.update_or_create(
            code=code,
            defaults={"kind": kind, "name": name, "description": description, "order": order},
        )
    specialties = {s.slug: s for s in Specialty.objects.all()}
    perspectives = {p.code: p for p in Perspective.objects.all()}
    focus_areas = {f.name: f for f in FocusArea.objects.all()}
    cases = {}
    for data in CASES:
        fields = {
            k: v
            for k, v in data.items()
            if k not in ("slug", "specialty", "classifications", "perspectives", "focus_areas")
        }
        case, _ = Case.objects.update_or_create(
            slug=data["slug"],
            defaults={**fields, "specialty": specialties.get(data["specialty"] or "")},
        )
        case.classifications.set([classifications[c] for c in data["classifications"]])
        case.perspectives.set([perspectives[c] for c in data["perspectives"]])
        case.focus_areas.set([focus_areas[n] for n in data["focus_areas"]])
        cases[case.slug] = case
    for order, data in enumerate(TASK_SHIFTS, start=1):
        fields = {k: v for k, v in data.items() if k not in ("specialty", "cases")}
        shift, _ = TaskShift.objects.update_or_create(
            task=data["task"],
            defaults={
                **fields,
                "order": order,
                "specialty": specialties.get(data["specialty"] or ""),
            },
        )
        shift.cases.set([cases[slug] for slug in data["cases"]])


def unload(apps, schema_editor):
    apps.get_model("inspiration", "TaskShift").objects.filter(
        task__in=[t["task"] for t in TASK_SHIFTS]
    ).delete()
    apps.get_model("inspiration", "Case").objects.filter(
        slug__in=[c["slug"] for c in CASES]
    ).delete()
    apps.get_model("inspiration", "Classification").objects.filter(
        code__in=[c[1] for c in CLASSIFICATIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inspiration", "0001_initial"),
        ("specialties", "0002_reference_sites_specialties"),
        ("sustainability", "0002_reference_perspectives"),
    ]
    operations = [migrations.RunPython(load, unload)]
