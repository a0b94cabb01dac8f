#!/usr/bin/env python3
"""Writes resources/demo-catalog.json: the demo liquor/convenience store catalog.

Deterministic: ids are UUIDv5 of the SKU, barcodes use the GS1 in-store prefix 20-29 (never a
real product's code) with valid EAN-13 check digits. Re-run after editing the lists below.
"""
import json
import pathlib
import uuid

NS = uuid.UUID("6f1c2a4e-3b7d-4e8a-9c1f-2d5e6a7b8c90")

CATEGORIES = [
    # name, tax rate in basis points, starting stock range, [(name, price cents)]
    ("Beer", 825, (24, 144), [
        ("Lager 6-pack 12oz", 999), ("Pale Ale 6-pack 12oz", 1149), ("IPA 6-pack 12oz", 1299),
        ("Stout 4-pack 16oz", 1199), ("Pilsner 12-pack 12oz", 1699), ("Light Beer 24-pack", 2499),
        ("Wheat Beer 6-pack", 1099), ("Amber Ale 6-pack", 1099), ("Hazy IPA 4-pack 16oz", 1499),
        ("Porter 6-pack", 1149), ("Mexican Lager 12-pack", 1899), ("Sour Ale 4-pack", 1399),
        ("Cider 6-pack", 1049), ("Hard Seltzer Variety 12-pack", 1999), ("Tallboy Lager 24oz", 349),
        ("Bock 6-pack", 1099), ("Session IPA 12-pack", 1799), ("Kolsch 6-pack", 1099),
        ("Belgian Tripel 750ml", 1249), ("Non-Alcoholic Beer 6-pack", 899),
    ]),
    ("Wine", 825, (12, 60), [
        ("Cabernet Sauvignon 750ml", 1499), ("Merlot 750ml", 1199), ("Pinot Noir 750ml", 1799),
        ("Chardonnay 750ml", 1299), ("Sauvignon Blanc 750ml", 1199), ("Pinot Grigio 750ml", 1099),
        ("Riesling 750ml", 1149), ("Rose 750ml", 1249), ("Prosecco 750ml", 1399),
        ("Champagne Brut 750ml", 4499), ("Malbec 750ml", 1349), ("Zinfandel 750ml", 1449),
        ("Shiraz 750ml", 1299), ("Moscato 750ml", 999), ("Red Blend 1.5L", 1699),
        ("White Blend 1.5L", 1599), ("Boxed Red 3L", 2299), ("Boxed White 3L", 2199),
        ("Port 500ml", 1899), ("Sangria 1.5L", 1099), ("Chianti 750ml", 1399),
        ("Rioja 750ml", 1599), ("Sparkling Rose 750ml", 1499), ("Cava 750ml", 1199),
    ]),
    ("Spirits", 825, (6, 36), [
        ("Vodka 750ml", 1999), ("Vodka 1.75L", 3499), ("London Dry Gin 750ml", 2499),
        ("White Rum 750ml", 1799), ("Spiced Rum 750ml", 2199), ("Blanco Tequila 750ml", 2999),
        ("Reposado Tequila 750ml", 3799), ("Bourbon 750ml", 3299), ("Rye Whiskey 750ml", 3499),
        ("Scotch Blend 750ml", 2999), ("Single Malt 12yr 750ml", 5999), ("Irish Whiskey 750ml", 2899),
        ("Cognac VS 750ml", 4299), ("Brandy 750ml", 1899), ("Coffee Liqueur 750ml", 2399),
        ("Triple Sec 750ml", 1299), ("Amaretto 750ml", 2199), ("Peach Schnapps 750ml", 1399),
        ("Mezcal 750ml", 4499), ("Vodka 50ml", 199), ("Bourbon 50ml", 249), ("Tequila 50ml", 249),
        ("Canadian Whisky 1.75L", 3299), ("Dark Rum 750ml", 2099), ("Vermouth Dry 750ml", 1199),
        ("Vermouth Sweet 750ml", 1199), ("Bitters 5oz", 999), ("Absinthe 750ml", 6499),
    ]),
    ("Mixers", 825, (12, 72), [
        ("Tonic Water 1L", 299), ("Club Soda 1L", 249), ("Ginger Beer 4-pack", 699),
        ("Ginger Ale 2L", 279), ("Margarita Mix 1L", 599), ("Bloody Mary Mix 1L", 649),
        ("Simple Syrup 375ml", 549), ("Grenadine 375ml", 449), ("Lime Juice 375ml", 399),
        ("Cranberry Juice 64oz", 499), ("Orange Juice 52oz", 549), ("Sour Mix 1L", 449),
        ("Cola 2L", 279), ("Lemon-Lime Soda 2L", 279), ("Tonic Water 6-pack cans", 599),
        ("Maraschino Cherries 10oz", 599),
    ]),
    ("Soft Drinks", 825, (24, 120), [
        ("Cola 20oz", 229), ("Diet Cola 20oz", 229), ("Lemon-Lime Soda 20oz", 229),
        ("Root Beer 20oz", 229), ("Orange Soda 20oz", 229), ("Energy Drink 16oz", 329),
        ("Sugar-Free Energy Drink 16oz", 329), ("Sports Drink 28oz", 249), ("Iced Tea 18.5oz", 229),
        ("Spring Water 1L", 179), ("Sparkling Water 12oz", 149), ("Spring Water 24-pack", 699),
        ("Cold Brew Coffee 11oz", 399), ("Lemonade 20oz", 229), ("Coconut Water 16oz", 299),
        ("Kombucha 16oz", 399), ("Cola 12-pack cans", 799), ("Diet Cola 12-pack cans", 799),
        ("Chocolate Milk 14oz", 249), ("Vitamin Water 20oz", 249),
    ]),
    ("Snacks", 225, (12, 80), [
        ("Potato Chips Classic 8oz", 499), ("Potato Chips BBQ 8oz", 499),
        ("Tortilla Chips 11oz", 449), ("Pretzels 16oz", 399), ("Salted Peanuts 16oz", 599),
        ("Mixed Nuts 10oz", 799), ("Cashews 8oz", 749), ("Beef Jerky 3oz", 799),
        ("Popcorn 6oz", 349), ("Cheese Puffs 8oz", 449), ("Pork Rinds 3oz", 349),
        ("Trail Mix 8oz", 549), ("Salsa 16oz", 449), ("Queso Dip 15oz", 499),
        ("Crackers 7oz", 379), ("Sunflower Seeds 5oz", 249), ("Potato Chips Single 1.5oz", 199),
        ("Pita Chips 7oz", 449), ("Rice Crackers 5oz", 399), ("Protein Bar", 279),
        ("Granola Bar 6-pack", 449), ("Pickles Jar 24oz", 499),
    ]),
    ("Candy", 225, (12, 96), [
        ("Milk Chocolate Bar", 189), ("Dark Chocolate Bar", 249), ("Peanut Butter Cups", 199),
        ("Chewy Fruit Candy", 179), ("Sour Gummies 5oz", 299), ("Gummy Bears 5oz", 299),
        ("Mints Tin", 229), ("Chewing Gum Spearmint", 199), ("Chewing Gum Peppermint", 199),
        ("Licorice Twists", 249), ("Caramel Chews", 199), ("Lollipop", 49),
        ("Chocolate Covered Almonds 6oz", 499), ("Hard Candy Bag 7oz", 299), ("Candy Bar King Size", 279),
        ("Jelly Beans 7oz", 279), ("Cookies 13oz", 449), ("Mini Donuts 6-pack", 249),
    ]),
    ("Tobacco & Lighters", 1000, (10, 60), [
        ("Lighter", 199), ("Lighter Refillable", 1299), ("Rolling Papers", 249),
        ("Matches 10-pack", 199), ("Cigar Single", 299), ("Cigarillo 2-pack", 199),
        ("Nicotine Gum 20ct", 1899), ("Nicotine Lozenges 24ct", 1999), ("Ashtray", 499),
        ("Lighter Fluid 4oz", 399),
    ]),
    ("Ice & Frozen", 225, (20, 100), [
        ("Bagged Ice 7lb", 299), ("Bagged Ice 20lb", 599), ("Ice Cream Pint Vanilla", 549),
        ("Ice Cream Pint Chocolate", 549), ("Ice Pops 12-pack", 499), ("Frozen Pizza", 699),
        ("Frozen Burrito", 249), ("Ice Cream Sandwich", 199), ("Frozen Fruit Bar", 229),
        ("Ice Block 10lb", 449),
    ]),
    ("Household", 825, (6, 40), [
        ("Paper Towels 2-roll", 499), ("Toilet Paper 4-roll", 549), ("Trash Bags 20ct", 799),
        ("Dish Soap 16oz", 349), ("Aluminum Foil 75sqft", 499), ("Plastic Cups 50ct", 599),
        ("Paper Plates 50ct", 549), ("Napkins 200ct", 349), ("Batteries AA 4-pack", 899),
        ("Batteries AAA 4-pack", 899), ("Phone Charger USB-C", 1499), ("Phone Cable Lightning", 1499),
        ("Bottle Opener", 399), ("Corkscrew", 899), ("Zip Bags Gallon 20ct", 449),
        ("Hand Sanitizer 8oz", 399), ("Pain Reliever 24ct", 699), ("Antacid 36ct", 599),
        ("Bandages 30ct", 499), ("Lip Balm", 299),
    ]),
    ("Deli & Dairy", 225, (8, 40), [
        ("Milk Whole Gallon", 449), ("Milk 2% Half Gallon", 299), ("Eggs Dozen", 399),
        ("Butter 1lb", 549), ("Cheddar Cheese 8oz", 449), ("Sliced Turkey 9oz", 599),
        ("Sliced Ham 9oz", 549), ("Sandwich Bread", 399), ("Hot Dog 2-pack", 349),
        ("Deli Sandwich", 699), ("Yogurt Cup", 149), ("Coffee Creamer 32oz", 499),
        ("Cream Cheese 8oz", 349), ("String Cheese 12ct", 599), ("Hummus 10oz", 499),
        ("Salami Sticks 5oz", 549),
    ]),
    ("Coffee & Tea", 225, (8, 40), [
        ("Hot Coffee Small", 149), ("Hot Coffee Large", 229), ("Ground Coffee 12oz", 899),
        ("Coffee Beans 12oz", 1099), ("Instant Coffee 8oz", 799), ("Black Tea 20ct", 399),
        ("Green Tea 20ct", 449), ("Herbal Tea 20ct", 449), ("Hot Chocolate Mix 10ct", 399),
        ("Coffee Filters 100ct", 299),
    ]),
]

EMPLOYEES = [
    # demo PINs are documented in the README; change them for a real store
    ("Morgan Reyes", "manager", "2468", 5000),
    ("Alex Kim", "cashier", "1111", 1000),
    ("Sam Patel", "cashier", "2222", 1000),
]


def ean13(twelve: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(twelve))
    return twelve + str((10 - total % 10) % 10)


def main() -> None:
    categories, products, employees = [], [], []
    n = 0
    for ci, (cat, tax, (lo, hi), items) in enumerate(CATEGORIES):
        cat_id = str(uuid.uuid5(NS, "category:" + cat))
        categories.append({"id": cat_id, "name": cat, "sortOrder": ci})
        for name, price in items:
            n += 1
            sku = f"{cat[:3].upper()}-{n:04d}"
            codes = [ean13(f"2{ci:02d}{n:09d}")]
            if n % 7 == 0:  # some products carry a second (multipack or older) barcode
                codes.append(ean13(f"29{ci:02d}{n:08d}"))
            stock = lo + (n * 37) % (hi - lo + 1)
            products.append({
                "id": str(uuid.uuid5(NS, "product:" + sku)),
                "sku": sku,
                "name": name,
                "category": cat,
                "priceCents": price,
                "taxRateBp": tax,
                "stock": stock,
                "barcodes": codes,
            })
    for name, role, pin, limit in EMPLOYEES:
        employees.append({
            "id": str(uuid.uuid5(NS, "employee:" + name)),
            "name": name,
            "role": role,
            "pin": pin,
            "discountLimitBp": limit,
        })
    out = pathlib.Path(__file__).resolve().parent.parent / "resources" / "demo-catalog.json"
    doc = {"version": 1, "categories": categories, "products": products, "employees": employees}
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"{out}: {len(products)} products in {len(categories)} categories, "
          f"{len(employees)} employees")


if __name__ == "__main__":
    main()
