#!/usr/bin/env python3
"""Writes examples/roster.csv: about 200 invented employees, as Excel saves "CSV UTF-8"
(BOM, CRLF, Persian headers). Names are common given and family names paired at random;
national codes are random digits with a valid check digit, none twice. No real person.

    make_roster.py                  # the 200 rows of examples/roster.csv, into roster.csv
    make_roster.py 10000 big.csv    # as many rows as asked, for measurements"""
import random
import sys

random.seed(1405)

GIVEN = [("سارا", "زن"), ("مریم", "زن"), ("فاطمه", "زن"), ("زهرا", "زن"), ("نرگس", "زن"),
         ("ژیلا", "زن"), ("الهام", "زن"), ("مهسا", "زن"), ("علی", "مرد"), ("محمد", "مرد"),
         ("مهدی", "مرد"), ("رضا", "مرد"), ("حسین", "مرد"), ("امیرحسین", "مرد"),
         ("محمدرضا", "مرد"), ("کیان", "مرد")]
FAMILY = ["احمدی", "رضایی", "محمدی", "کریمی", "حسینی", "موسوی", "نمونه\u200cزاده",
          "فرضی\u200cپور", "عبدالهی", "جعفری", "صادقی\u200cنیا", "قاسمی", "یزدانی",
          "اسلامی\u200cفر", "کاظمی", "طاهری"]
TITLES = ["کارشناس منابع انسانی", "کارشناس امور رفاهی", "مسئول دفتر", "کارشناس مالی",
          "مهندس نرم\u200cافزار", "رئیس اداره", "کارشناس پذیرش",
          "کارشناس ارشد برنامه\u200cریزی، بودجه و پایش عملکرد واحدهای استانی و شهرستانی",
          "معاون توسعهٔ مدیریت، منابع انسانی و امور پشتیبانی اداره کل"]
PLACES = {"اصفهان": ["اصفهان", "کاشان", "نجف\u200cآباد"],
          "خراسان رضوی": ["مشهد", "نیشابور", "سبزوار"]}
AGENCIES = {"اداره کل ثبت احوال": ["واحد صدور شناسنامه", "واحد پذیرش"],
            "اداره کل امور مالیاتی": ["اداره ممیزی", "میز خدمت"],
            "سازمان تأمین اجتماعی": ["شعبه ۱", "واحد مستمری"]}


def national_code():
    digits = [random.randint(0, 9) for _ in range(9)]
    remainder = sum(d * (10 - i) for i, d in enumerate(digits)) % 11
    check = remainder if remainder < 2 else 11 - remainder
    return "".join(map(str, digits)) + str(check)


def unique_national_code(seen):
    code = national_code()
    while code in seen:
        code = national_code()
    seen.add(code)
    return code


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    path = sys.argv[2] if len(sys.argv) > 2 else "roster.csv"
    seen = set()
    header = ["کد پرسنلی", "کد ملی", "نام", "نام خانوادگی", "جنسیت", "سمت", "واحد",
              "دستگاه", "شهر", "استان"]
    rows = [header]
    for n in range(1, count + 1):
        given, gender = random.choice(GIVEN)
        province = random.choice(list(PLACES))
        agency = random.choice(list(AGENCIES))
        rows.append([f"E{n:05d}", unique_national_code(seen), given, random.choice(FAMILY), gender,
                     random.choice(TITLES), random.choice(AGENCIES[agency]), agency,
                     random.choice(PLACES[province]), province])

    def cell(value):
        return f'"{value}"' if "," in value or "،" in value else value

    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        for row in rows:
            out.write(",".join(cell(v) for v in row) + "\r\n")


if __name__ == "__main__":
    main()
