#!/usr/bin/env python3
"""Derive the PASC demo data (Binh Duong 2024 pilot network) from the repo's verbatim copies.

Run from the repository root:

    python3 scripts/derive-demo.py

Reads (verbatim copies, never modified):
    Sources/PASCCore/Resources/demo/units.csv
    Sources/PASCCore/Resources/demo/commune-points.csv
    Sources/PASCCore/Resources/demo/districts.geojson   (GPL-3.0; used only for the inside-district test)
    Sources/PASCCore/Resources/demo/procedures.csv

Writes (derived, every derived value marked):
    Sources/PASCCore/Resources/demo/offices.csv
    Sources/PASCCore/Resources/demo/agencies.csv
    Sources/PASCCore/Resources/demo/procedure-rules.csv

Python 3 standard library only. Deterministic: rerunning gives byte-identical files.
The rules are documented in Sources/PASCCore/Resources/demo/README.md; keep the two in step.
"""

import csv
import io
import json
import math
import os
import re
import sys
import unicodedata

DEMO_DIR = os.path.join("Sources", "PASCCore", "Resources", "demo")

# Province part of the derived unit codes. A demo value, configurable in the application; it is NOT
# claimed to be Binh Duong's real code (the real codes of its offices are unknown to us).
PROVINCE_PART = "H56"
PROVINCE_GSO_CODE = "74"
PROVINCE_NAME_VI = "tỉnh Bình Dương"
PROVINCE_NAME_EN = "Binh Duong"
CENTER_DISTRICT_CODE = "718"  # Thành phố Thủ Dầu Một: the center is placed at its centroid

UNIT_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")

OPENING_HOURS_CENTER = "mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30"
OPENING_HOURS_POINT = "mon-fri 07:00-11:30,13:30-17:00"

COUNTERS_CENTER = 20
COUNTERS_BRANCH = {"urban": 8, "rural": 5}
PEOPLE_PER_COUNTER = 12000
COUNTERS_POINT_MIN, COUNTERS_POINT_MAX = 2, 6

KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.320
RING_FACTOR = 0.45
SHRINK = 0.8
MAX_SHRINK_STEPS = 20

UNIT_TYPE_EN_DISTRICT = {"Thành phố": "City", "Huyện": "District"}
UNIT_TYPE_EN_COMMUNE = {"Phường": "Ward", "Xã": "Commune", "Thị trấn": "Township"}

AGENCY_KINDS = [
    "communePeoplesCommittee",
    "communePolice",
    "districtFinancePlanningOffice",
    "districtUrbanOffice",
    "landRegistrationBranch",
    "districtJusticeOffice",
    "provincialDepartment",
    "provincialPolice",
    "socialInsurance",
    "taxAuthority",
]

# Step names of an inter-agency procedure's budget that are not agency kinds: the competent
# agency's own internal steps.
INTERNAL_STEPS = ("processing", "approval")


# ---------------------------------------------------------------------------------------------
# helpers


def nfc(s):
    return unicodedata.normalize("NFC", s)


def ascii_name(s):
    """Vietnamese -> ASCII transliteration (drop tone and vowel marks, đ -> d)."""
    s = s.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", s)
    out = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    out = unicodedata.normalize("NFC", out)
    assert all(ord(ch) < 128 for ch in out), out
    return out


def read_csv(name):
    with open(os.path.join(DEMO_DIR, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(name, header, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), (name, r)
        w.writerow([nfc(str(v)) for v in r])
    data = buf.getvalue().encode("utf-8")
    with open(os.path.join(DEMO_DIR, name), "wb") as f:
        f.write(data)


def fmt5(x):
    s = "%.5f" % x
    return "0.00000" if s == "-0.00000" else s


# ---------------------------------------------------------------------------------------------
# geometry: ray casting with MultiPolygon and holes


def point_in_ring(lon, lat, ring):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x_cross = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def point_in_polygon(lon, lat, polygon):
    """polygon = [outer ring, hole, hole, ...] (GeoJSON Polygon coordinates)."""
    if not point_in_ring(lon, lat, polygon[0]):
        return False
    return not any(point_in_ring(lon, lat, hole) for hole in polygon[1:])


def point_in_geometry(lon, lat, geometry):
    t = geometry["type"]
    if t == "Polygon":
        return point_in_polygon(lon, lat, geometry["coordinates"])
    if t == "MultiPolygon":
        return any(point_in_polygon(lon, lat, p) for p in geometry["coordinates"])
    raise ValueError("unsupported geometry type %r" % t)


RING_STATS = {}  # shrink steps used -> number of communes (-1 = fell back to the centroid)


def ring_point(lat0, lon0, area_km2, k, n, geometry):
    """Commune k (0-based) of n on a ring around the district centroid; shrink until inside."""
    radius_km = RING_FACTOR * math.sqrt(area_km2 / math.pi)
    angle = 2.0 * math.pi * k / n  # 0 = north, increasing clockwise (north -> east -> south)
    km_per_deg_lon = KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat0))
    for step in range(MAX_SHRINK_STEPS + 1):
        lat = round(lat0 + radius_km * math.cos(angle) / KM_PER_DEG_LAT, 5)
        lon = round(lon0 + radius_km * math.sin(angle) / km_per_deg_lon, 5)
        if point_in_geometry(lon, lat, geometry):
            return lat, lon, step
        radius_km *= SHRINK
    return round(lat0, 5), round(lon0, 5), -1


# ---------------------------------------------------------------------------------------------
# offices


def derive_offices(units, points, districts_geo):
    districts = [u for u in units if u["level"] == "district"]
    communes = [u for u in units if u["level"] != "district"]
    assert len(districts) == 9 and len(communes) == 91
    by_code = {u["code"]: u for u in units}
    sourced = {p["code"]: p for p in points}
    for code in sourced:
        assert code in by_code and by_code[code]["level"] != "district", code
    geo = {}
    for feat in districts_geo["features"]:
        geo[feat["properties"]["code"]] = feat["geometry"]
    assert sorted(geo) == sorted(d["code"] for d in districts)

    rows = []
    center_code = "000.00.01.%s" % PROVINCE_PART
    cd = by_code[CENTER_DISTRICT_CODE]
    rows.append({
        "code": center_code, "level": "center",
        "name": "Trung tâm Phục vụ hành chính công %s" % PROVINCE_NAME_VI,
        "name_en": "%s Public Administration Service Center" % PROVINCE_NAME_EN,
        "parent_code": "", "unit_code": PROVINCE_GSO_CODE, "area_type": "urban",
        "latitude": cd["latitude"], "longitude": cd["longitude"],
        "location_source": "district-centroid", "approximate": "yes",
        "address": "%s, %s" % (cd["name"], PROVINCE_NAME_VI),
        "counters": COUNTERS_CENTER, "opening_hours": OPENING_HOURS_CENTER,
        "district": CENTER_DISTRICT_CODE,
    })
    branch_code = {}
    for i, d in enumerate(districts, start=1):
        code = "000.00.%02d.%s" % (10 + i, PROVINCE_PART)
        branch_code[d["code"]] = code
        en = "%s %s" % (ascii_name(d["short_name"]), UNIT_TYPE_EN_DISTRICT[d["unit_type_vi"]])
        rows.append({
            "code": code, "level": "branch",
            "name": "Chi nhánh Trung tâm Phục vụ hành chính công %s" % d["name"],
            "name_en": "%s branch" % en,
            "parent_code": center_code, "unit_code": d["code"], "area_type": d["urban_rural"],
            "latitude": d["latitude"], "longitude": d["longitude"],
            "location_source": "district-centroid", "approximate": "yes",
            "address": "%s, %s" % (d["name"], PROVINCE_NAME_VI),
            "counters": COUNTERS_BRANCH[d["urban_rural"]], "opening_hours": OPENING_HOURS_CENTER,
            "district": d["code"],
        })
    district_index = {d["code"]: i for i, d in enumerate(districts, start=1)}
    # ring placement input: per district, the communes without a sourced point, in units.csv order
    unsourced = {d["code"]: [c["code"] for c in communes
                             if c["parent_code"] == d["code"] and c["code"] not in sourced]
                 for d in districts}
    j_in_district = {}
    for c in communes:
        dcode = c["parent_code"]
        d = by_code[dcode]
        j = j_in_district.get(dcode, 0) + 1
        j_in_district[dcode] = j
        code = "000.%02d.%02d.%s" % (j, 10 + district_index[dcode], PROVINCE_PART)
        if c["code"] in sourced:
            p = sourced[c["code"]]
            lat, lon = p["latitude"], p["longitude"]
            source, approx = "wikipedia-infobox", "no"
        else:
            lst = unsourced[dcode]
            lat_f, lon_f, steps = ring_point(float(d["latitude"]), float(d["longitude"]),
                                      float(d["area_km2"]), lst.index(c["code"]), len(lst),
                                      geo[dcode])
            lat, lon = fmt5(lat_f), fmt5(lon_f)
            source, approx = "derived-ring", "yes"
            RING_STATS[steps] = RING_STATS.get(steps, 0) + 1
        pop = int(c["population"])
        counters = max(COUNTERS_POINT_MIN,
                       min(COUNTERS_POINT_MAX, (pop + PEOPLE_PER_COUNTER // 2) // PEOPLE_PER_COUNTER))
        rows.append({
            "code": code, "level": "communePoint",
            "name": "Điểm tiếp nhận Một cửa %s" % c["name"],
            "name_en": "%s %s one-stop point" % (ascii_name(c["short_name"]),
                                                  UNIT_TYPE_EN_COMMUNE[c["unit_type_vi"]]),
            "parent_code": branch_code[dcode], "unit_code": c["code"], "area_type": c["urban_rural"],
            "latitude": lat, "longitude": lon,
            "location_source": source, "approximate": approx,
            "address": "%s, %s, %s" % (c["name"], d["name"], PROVINCE_NAME_VI),
            "counters": counters, "opening_hours": OPENING_HOURS_POINT,
            "district": dcode,
        })
    for r in rows:
        r["code_derived"] = "yes"
        # Every value this script made up rather than read, by API field name (the README's rules).
        derived = ["code", "counters", "openingHours"]
        if r["level"] == "center":
            derived.append("areaType")
        if r["approximate"] == "yes":
            derived.append("location")
        r["derived_fields"] = ";".join(derived)
    return rows, geo


OFFICE_HEADER = ["code", "level", "name", "name_en", "parent_code", "unit_code", "area_type",
                 "latitude", "longitude", "location_source", "approximate", "address", "counters",
                 "opening_hours", "code_derived", "derived_fields"]


# ---------------------------------------------------------------------------------------------
# agencies

PROVINCIAL_AGENCIES = [
    # code, kind, name, name_en  -- exactly the provincial bodies that procedures.csv's
    # competent_agency column names for province-level rows (Cục CSGT is central, not provincial).
    ("so-taichinh", "provincialDepartment",
     "Sở Tài chính tỉnh Bình Dương (Phòng Đăng ký kinh doanh)",
     "Binh Duong Department of Finance (Business Registration Office)"),
    ("vpdk-tinh", "provincialDepartment",
     "Văn phòng đăng ký đất đai tỉnh Bình Dương",
     "Binh Duong Land Registration Office"),
    ("so-noivu", "provincialDepartment",
     "Sở Nội vụ tỉnh Bình Dương",
     "Binh Duong Department of Home Affairs"),
    ("so-xaydung", "provincialDepartment",
     "Sở Xây dựng tỉnh Bình Dương",
     "Binh Duong Department of Construction"),
    ("bql-kcn", "provincialDepartment",
     "Ban Quản lý các khu công nghiệp tỉnh Bình Dương",
     "Binh Duong Industrial Zones Authority"),
    ("ca-tinh", "provincialPolice",
     "Công an tỉnh Bình Dương",
     "Binh Duong Provincial Police"),
    ("ca-tinh-xnc", "provincialPolice",
     "Phòng Quản lý xuất nhập cảnh, Công an tỉnh Bình Dương",
     "Immigration Office, Binh Duong Provincial Police"),
    # Not deciding agencies: the other bodies of inter-agency (liên thông) procedures, named by
    # the step budgets of 2.000986 (health insurance card) and 1.001266 / 2.002023 (tax reply).
    ("bhxh-tinh", "socialInsurance",
     "Bảo hiểm xã hội tỉnh Bình Dương",
     "Binh Duong Social Insurance"),
    ("thue-tinh", "taxAuthority",
     "Cục Thuế tỉnh Bình Dương",
     "Binh Duong Tax Department"),
]


def derive_agencies(units):
    districts = [u for u in units if u["level"] == "district"]
    communes = [u for u in units if u["level"] != "district"]
    rows = []
    for c in communes:
        en = "%s %s" % (ascii_name(c["short_name"]), UNIT_TYPE_EN_COMMUNE[c["unit_type_vi"]])
        rows.append(["ubnd.%s" % c["code"], "communePeoplesCommittee", "commune",
                     "UBND %s" % c["name"], "%s People's Committee" % en,
                     c["code"], c["code"], "yes"])
        rows.append(["ca.%s" % c["code"], "communePolice", "commune",
                     "Công an %s" % c["name"], "%s Police" % en,
                     c["code"], c["code"], "yes"])
    for d in districts:
        en = "%s %s" % (ascii_name(d["short_name"]), UNIT_TYPE_EN_DISTRICT[d["unit_type_vi"]])
        juris = ";".join(c["code"] for c in communes if c["parent_code"] == d["code"])
        is_city = d["unit_type_vi"] == "Thành phố"
        urban_vi = "Phòng Quản lý đô thị" if is_city else "Phòng Kinh tế - Hạ tầng"
        urban_en = "Urban Management Office" if is_city else "Economic and Infrastructure Office"
        rows.append(["tckh.%s" % d["code"], "districtFinancePlanningOffice", "district",
                     "Phòng Tài chính - Kế hoạch %s" % d["name"],
                     "%s Finance and Planning Office" % en, d["code"], juris, "yes"])
        rows.append(["qldt.%s" % d["code"], "districtUrbanOffice", "district",
                     "%s %s" % (urban_vi, d["name"]), "%s %s" % (en, urban_en),
                     d["code"], juris, "yes"])
        rows.append(["vpdk.%s" % d["code"], "landRegistrationBranch", "district",
                     "Chi nhánh Văn phòng đăng ký đất đai %s" % d["name"],
                     "%s branch of the Land Registration Office" % en, d["code"], juris, "yes"])
        rows.append(["tuphap.%s" % d["code"], "districtJusticeOffice", "district",
                     "Phòng Tư pháp %s" % d["name"], "%s Justice Office" % en,
                     d["code"], juris, "yes"])
    for code, kind, name, name_en in PROVINCIAL_AGENCIES:
        rows.append([code, kind, "province", name, name_en, PROVINCE_GSO_CODE,
                     PROVINCE_GSO_CODE, "yes"])
    return rows


AGENCY_HEADER = ["code", "kind", "level", "name", "name_en", "unit_code", "jurisdiction",
                 "code_derived"]


# ---------------------------------------------------------------------------------------------
# procedure rules

# Financial obligations (nghĩa vụ tài chính) paid while the dossier is processed: the time the
# applicant takes to pay is not counted (land registration rules). Only where such an obligation is
# normally assessed during processing.
PAYMENT_STOPS_CLOCK = {
    "1.013978": "first certificate: land use levy and registration fee (lệ phí trước bạ) are "
                "assessed and paid during processing",
    "1.013831": "transfer, inheritance, gift, capital contribution: personal income tax and "
                "registration fee are assessed and paid during processing",
}

# Inter-agency step budgets. 2.000986: the notes give only the total (max 20 working days) and the
# three agencies (UBND cấp xã, Công an cấp xã, BHXH); the split below is a demo split: the police
# step gets the catalog's own limit for Đăng ký thường trú (1.004222), the commune People's
# Committee 3 days (same-day birth registration, then preparing and transferring the file), and
# social insurance the remainder.
LIEN_THONG_2_000986 = ("2.000986", "1.004222", 3)


def derive_rule(p, catalog):
    code = p["code"]
    notes, agency, level, field = p["notes"], p["competent_agency"], p["level"], p["field"]
    source, bf = p["source"], p["boundary_free"]
    pd = int(p["processing_days"])
    why = []

    # --- time limit unit, value, cut-off
    cutoff = ""
    m_hours = re.search(r"(\d+) Giờ", notes)
    if pd == 0 and notes.startswith("Trong ngày") and "sau 15 giờ" in notes:
        unit, value, cutoff = "sameDay", 0, "15:00"
        why.append("unit sameDay + cutoff 15:00: processing_days 0 and notes 'Trong ngày; nếu "
                   "tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo'")
        if "kéo dài thêm" in notes:
            why.append("(notes allow up to 2 more working days for many pages; not modelled)")
    elif pd == 0 and m_hours:
        unit, value = "workingHours", int(m_hours.group(1))
        why.append("unit workingHours, value %d: notes 'Thời hạn tính theo GIỜ: Cổng DVCQG ghi "
                   "\"%s Giờ\"'" % (value, m_hours.group(1)))
    elif 'đơn vị "Ngày"' in notes:
        if re.search(r"\b0?%d ngày làm việc" % pd, notes):
            unit, value = "workingDays", pd
            why.append("unit workingDays: notes state '%02d ngày làm việc' (the law's wording), "
                       "which wins over the portal's generic unit \"Ngày\" also noted" % pd)
        else:
            unit, value = "calendarDays", pd
            why.append("unit calendarDays: notes say the portal's unit is \"Ngày\", not "
                       "\"ngày làm việc\"")
    else:
        unit, value = "workingDays", pd
        why.append("unit workingDays: processing_days as given (working days)")
        if "sau 15 giờ" in notes:
            why.append("no cutoff: the notes' 15:00 rule applies only to one case (bổ sung thông "
                       "tin hộ tịch), not to the procedure's 1-day limit")

    # --- demo level (who decides in the 2024 network)
    demo_level = level
    if re.search(r"Trước 1/7/2025[^.]*cấp huyện", notes):
        demo_level = "district"
        why.append("level district: notes 'Trước 1/7/2025 … cấp huyện'")
    elif "thủ tục cấp huyện cũ chuyển về phường" in source:
        demo_level = "district"
        why.append("level district: source cites laodong.vn 7/2025, a former district-level "
                   "procedure moved to the ward")
    elif field == "Đăng ký kinh doanh" and level == "commune":
        demo_level = "district"
        why.append("level district: household business was district level before 1/7/2025 "
                   "(procedures README: Binh Duong 12/2024 report calls these 'cấp huyện'; its "
                   "examples name registration, suspension, termination); same office for all "
                   "household-business procedures")
    elif field == "Đất đai" and level == "province" and \
            "Chi nhánh Văn phòng đăng ký đất đai" in agency:
        demo_level = "district"
        why.append("level district: for households/individuals the district branch of the land "
                   "registration office decides (as for 1.013831, which the source names as "
                   "former district-level work)")
    else:
        why.append("level %s: catalog level" % level)

    # --- agency kind / code
    agency_code = ""
    if demo_level == "district":
        kind = {"Đăng ký kinh doanh": "districtFinancePlanningOffice",
                "Xây dựng": "districtUrbanOffice",
                "Đất đai": "landRegistrationBranch"}[field]
        why.append("agency %s from field %s at district level" % (kind, field))
    elif demo_level == "commune":
        parts = [re.sub(r"\s*\(.*", "", a).strip() for a in agency.split(";")]
        commune_parts = [a for a in parts if "cấp xã" in a]
        if commune_parts:
            first = commune_parts[0]
            kind = "communePolice" if first.startswith("Công an") else "communePeoplesCommittee"
            why.append("agency %s from competent_agency '%s'" % (kind, first))
        else:
            kind = "communePeoplesCommittee"
            why.append("agency communePeoplesCommittee: competent_agency '%s' is, at commune "
                       "level, the People's Committee that keeps the register" % parts[0])
    else:
        if "Phòng Quản lý xuất nhập cảnh" in agency:
            kind, agency_code = "provincialPolice", "ca-tinh-xnc"
        elif agency.startswith("Công an tỉnh"):
            kind, agency_code = "provincialPolice", "ca-tinh"
        elif agency.startswith("Sở Tài chính"):
            kind, agency_code = "provincialDepartment", "so-taichinh"
        elif agency.startswith("Sở Xây dựng"):
            kind, agency_code = "provincialDepartment", "so-xaydung"
        elif agency.startswith("Sở Nội vụ"):
            kind, agency_code = "provincialDepartment", "so-noivu"
        else:
            raise ValueError("no provincial agency for %s: %r" % (code, agency))
        why.append("agency %s from competent_agency '%s'" % (agency_code,
                                                              agency.split(";")[0].strip()))
        if field == "Giao thông":
            why.append("(driving licences: the catalog names Công an tỉnh, since 2025 no longer "
                       "the transport/construction department)")

    # --- competence basis
    if agency_code:
        basis = "namedAgency"
        why.append("basis namedAgency: one provincial agency")
    elif field == "Căn cước":
        basis = "anyUnit"
        why.append("basis anyUnit: notes say any commune police nationwide, regardless of "
                   "residence")
    elif field == "Chứng thực" and bf == "yes":
        basis = "anyUnit"
        why.append("basis anyUnit: certification independent of residence (NĐ 280/2025)")
    elif field == "Chứng thực" and bf == "no":
        basis = "propertyLocation"
        why.append("basis propertyLocation: notes say land/house transactions are certified "
                   "where the land or house is")
    elif field in ("Đất đai", "Xây dựng"):
        basis = "propertyLocation"
        why.append("basis propertyLocation: %s, decided where the land or building is" %
                   ("land" if field == "Đất đai" else "construction"))
    else:
        basis = "applicantHome"
        reason = {
            "Hộ tịch": "civil status at the applicant's commune of residence",
            "Cư trú": "residence registered with the police of the residence's commune",
            "Đăng ký kinh doanh": "household business registered where its seat is",
            "Giao thông": "vehicle registered with the police of the owner's residence",
            "Chứng thực": "copy issued by the body holding the original register",
        }[field]
        if "bản sao" in p["name_vi"]:
            reason = ("copy issued by the commune that holds the record (approximated by the "
                      "applicant's home commune; boundary_free is not yes)")
        why.append("basis applicantHome: %s" % reason)

    # --- boundary-free
    boundary_free = "yes" if bf == "yes" else "no"
    phase = "1" if boundary_free == "yes" else ""
    why.append("boundary_free %s: procedures.csv '%s'%s" % (
        boundary_free, bf, " (phase 1)" if phase else ""))

    # --- payment stops clock
    if code in PAYMENT_STOPS_CLOCK:
        pay = "yes"
        why.append("payment stops clock: %s" % PAYMENT_STOPS_CLOCK[code])
    else:
        pay = "no"

    # --- step budgets
    m_tax = re.search(r"cơ quan thuế phản hồi trong 0?(\d+) ngày làm việc", notes)
    if unit in ("sameDay", "workingHours"):
        steps = [("processing", 0)]
    elif code == LIEN_THONG_2_000986[0]:
        police = int(catalog[LIEN_THONG_2_000986[1]]["processing_days"])
        pc = LIEN_THONG_2_000986[2]
        steps = [("communePeoplesCommittee", pc), ("communePolice", police),
                 ("socialInsurance", value - pc - police)]
        why.append("steps: liên thông UBND cấp xã -> Công an cấp xã -> BHXH; notes give only the "
                   "total 20, split is a demo split (police = 1.004222's %d days)" % police)
    elif m_tax and value >= 3:
        tax = int(m_tax.group(1))
        steps = [("processing", value - tax - 1), ("taxAuthority", tax), ("approval", 1)]
        why.append("steps: notes say the tax authority replies within %d working days" % tax)
    elif value >= 3:
        steps = [("processing", value - 1), ("approval", 1)]
    else:
        steps = [("processing", value)]
    assert all(d >= 0 for _, d in steps), code
    step_budgets = ";".join("%s:%d" % s for s in steps)

    derivation = "derived (every column but code); " + "; ".join(why)
    return [code, unit, value, cutoff, demo_level, kind, agency_code, basis, boundary_free, phase,
            pay, step_budgets, derivation]


RULE_HEADER = ["code", "time_limit_unit", "time_limit_value", "same_day_cutoff", "demo_level",
               "agency_kind", "agency_code", "competence_basis", "boundary_free",
               "boundary_free_phase", "payment_stops_clock", "step_budgets", "derivation"]


# ---------------------------------------------------------------------------------------------
# checks


def check(offices, geo, agencies, rules, procedures):
    assert len(offices) == 101, len(offices)
    levels = [o["level"] for o in offices]
    assert levels.count("center") == 1 and levels.count("branch") == 9
    assert levels.count("communePoint") == 91
    codes = [o["code"] for o in offices]
    assert len(set(codes)) == len(codes), "office codes not unique"
    assert all(UNIT_CODE_RE.match(c) for c in codes), "office code shape"
    by_code = {o["code"]: o for o in offices}
    for o in offices:
        if o["level"] == "center":
            assert o["parent_code"] == ""
        else:
            parent = by_code[o["parent_code"]]
            assert parent["level"] == ("center" if o["level"] == "branch" else "branch")
        assert o["area_type"] in ("urban", "rural", "remote")
        assert o["code_derived"] == "yes"
    for o in offices:
        if o["level"] == "communePoint":
            lat, lon = float(o["latitude"]), float(o["longitude"])
            assert point_in_geometry(lon, lat, geo[o["district"]]), \
                "office %s outside district %s" % (o["code"], o["district"])
    ring = [(o["latitude"], o["longitude"]) for o in offices if o["location_source"] == "derived-ring"]
    assert len(ring) == 83 and len(set(ring)) == 83, "ring points missing or duplicated"

    agency_codes = [a[0] for a in agencies]
    assert len(set(agency_codes)) == len(agency_codes), "agency codes not unique"
    assert all(a[1] in AGENCY_KINDS for a in agencies)
    kinds = set(a[1] for a in agencies)

    assert len(rules) == 65 and [r[0] for r in rules] == [p["code"] for p in procedures]
    for r in rules:
        (code, unit, value, cutoff, demo_level, kind, agency_code, basis, bfree, phase, pay, steps,
         _d) = r
        assert unit in ("workingDays", "workingHours", "calendarDays", "sameDay"), r
        assert kind in kinds, "agency kind %s of %s not in agencies.csv" % (kind, code)
        if agency_code:
            assert agency_code in agency_codes and \
                agencies[agency_codes.index(agency_code)][1] == kind, r
        assert (agency_code != "") == (kind in ("provincialDepartment", "provincialPolice")), r
        assert basis in ("applicantHome", "propertyLocation", "anyUnit", "namedAgency"), r
        assert (basis == "namedAgency") == (agency_code != ""), r
        assert demo_level in ("commune", "district", "province"), r
        assert (cutoff == "15:00") == (unit == "sameDay"), r
        assert bfree in ("yes", "no") and phase == ("1" if bfree == "yes" else ""), r
        total = sum(int(item.split(":")[1]) for item in steps.split(";"))
        for item in steps.split(";"):
            step = item.split(":")[0]
            assert step in INTERNAL_STEPS or step in kinds, \
                "step %s of %s is neither an internal step nor an agency kind" % (step, code)
        if unit in ("sameDay", "workingHours"):
            assert steps == "processing:0", r
            assert (value == 0) == (unit == "sameDay"), r
        else:
            assert total == value, "step budgets of %s sum to %d, limit %d" % (code, total, value)
    src_yes = sum(1 for p in procedures if p["boundary_free"] == "yes")
    assert sum(1 for r in rules if r[8] == "yes") == src_yes


def check_nfc_and_newlines(names):
    for name in names:
        with open(os.path.join(DEMO_DIR, name), "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
        assert "\r" not in text, name
        assert unicodedata.normalize("NFC", text) == text, name


def summary(offices, agencies, rules):
    def count(values):
        out = {}
        for v in values:
            out[v] = out.get(v, 0) + 1
        return ", ".join("%s %d" % kv for kv in sorted(out.items()))

    print("offices.csv: %d rows (%s); locations: %s" % (
        len(offices), count(o["level"] for o in offices),
        count(o["location_source"] for o in offices)))
    print("  ring placement: %s (shrink steps -> communes; -1 = centroid fallback)" %
          ", ".join("%d -> %d" % kv for kv in sorted(RING_STATS.items())))
    print("agencies.csv: %d rows (%s)" % (len(agencies), count(a[1] for a in agencies)))
    print("procedure-rules.csv: %d rows" % len(rules))
    print("  time_limit_unit:  %s" % count(r[1] for r in rules))
    print("  demo_level:       %s" % count(r[4] for r in rules))
    print("  agency_kind:      %s" % count(r[5] for r in rules))
    print("  competence_basis: %s" % count(r[7] for r in rules))
    print("  boundary_free:    %s" % count(r[8] for r in rules))
    print("  payment_stops:    %s" % count(r[10] for r in rules))
    print("checks passed")


def main():
    if not os.path.isdir(DEMO_DIR):
        sys.exit("run from the repository root (no %s here)" % DEMO_DIR)
    units = read_csv("units.csv")
    points = read_csv("commune-points.csv")
    procedures = read_csv("procedures.csv")
    with open(os.path.join(DEMO_DIR, "districts.geojson"), encoding="utf-8") as f:
        districts_geo = json.load(f)

    offices, geo = derive_offices(units, points, districts_geo)
    agencies = derive_agencies(units)
    catalog = {p["code"]: p for p in procedures}
    rules = [derive_rule(p, catalog) for p in procedures]

    check(offices, geo, agencies, rules, procedures)

    write_csv("offices.csv", OFFICE_HEADER, [[o[h] for h in OFFICE_HEADER] for o in offices])
    write_csv("agencies.csv", AGENCY_HEADER, agencies)
    write_csv("procedure-rules.csv", RULE_HEADER, rules)
    check_nfc_and_newlines(["offices.csv", "agencies.csv", "procedure-rules.csv"])
    summary(offices, agencies, rules)


if __name__ == "__main__":
    main()
