"""Small fixed word lists: deterministic and fast, no third-party fake-data library."""

FIRST_NAMES = [
    "Ada", "Ben", "Chloe", "Diego", "Emma", "Farah", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Milo",
    "Nora", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wen", "Xavi", "Yara", "Zane",
]
LAST_NAMES = [
    "Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan", "Lopez",
    "Meyer", "Novak", "Okafor", "Park", "Quiroga", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Young",
]
STREETS = ["Oak St", "Maple Ave", "Pine Rd", "Cedar Ln", "Elm St", "Lake Dr", "Hill Rd", "Park Ave", "Main St"]
CITIES = [
    ("Austin", "TX"), ("Boston", "MA"), ("Chicago", "IL"), ("Denver", "CO"), ("Miami", "FL"), ("Portland", "OR"),
    ("Seattle", "WA"), ("Phoenix", "AZ"), ("Atlanta", "GA"), ("Columbus", "OH"), ("Raleigh", "NC"), ("Albany", "NY"),
]
CATEGORIES = [
    "Electronics", "Clothing", "Home & Garden", "Sports & Outdoors", "Books", "Toys & Games", "Health & Beauty",
    "Food & Beverage",
]
PRODUCT_WORDS = ["Smart", "Classic", "Ultra", "Eco", "Pro", "Compact", "Deluxe", "Essential", "Urban", "Trail"]
PRODUCT_NOUNS = ["Speaker", "Jacket", "Lamp", "Backpack", "Novel", "Puzzle", "Serum", "Coffee", "Kettle", "Watch"]
BRANDS = ["Northwind", "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Soylent", "Hooli"]
GENDERS = ["male", "female", "other", "prefer_not_to_say"]
TIERS = (["bronze", "silver", "gold", "platinum"], [50, 30, 15, 5])
LANGUAGES = ["en", "es", "fr", "de"]
ORDER_STATUSES = (["pending", "processing", "shipped", "delivered", "cancelled", "returned"], [5, 10, 15, 60, 7, 3])
PAYMENT_METHODS = ["credit_card", "debit_card", "paypal", "bank_transfer", "crypto"]
SOURCES = (["web", "mobile", "api"], [50, 40, 10])
ITEM_COUNTS = ([1, 2, 3, 4, 5], [30, 30, 20, 15, 5])
ITEM_DISCOUNTS = [0.0, 0.0, 0.0, 0.05, 0.10, 0.15, 0.20]
ORDER_DISCOUNTS = [0.0, 0.0, 0.0, 0.05, 0.10]
REFERRERS = ["google", "facebook", "email", "direct", "instagram"]
DEVICES = ["desktop", "mobile", "tablet"]
BROWSERS = ["Chrome", "Safari", "Firefox", "Edge"]
SITE = "https://shop.gridata.example"
