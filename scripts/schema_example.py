"""Regenerate docs/schema-example.md: one short invented article through the whole pipeline.

    python scripts/schema_example.py > docs/schema-example.md
"""

from __future__ import annotations

import reportedly

TEXT = (
    '"There were at least six waves of attacks on Almaty, a total of 20 thousand bandits," '
    "President Kairat Serikbayev tweeted on Friday. \"Up to 4,000 terrorists were arrested,\" "
    "Kazakh media reported, citing the Interior Ministry. On state television early Thursday the "
    "president appealed to the CSTO for help. Police denied firing on protesters in Aktobe."
)

report = reportedly.extract(TEXT, published="2022-01-07", title="Kazakh leader says 20,000 attacked Almaty",
                            outlet="Steppe Daily", url="https://example.org/steppe-daily/2022/01/07/almaty")
print("# A worked example of `reportedly/1`\n")
print("An invented article (its text is in `article.text` below), published 2022-01-07, run through")
print("`reportedly.extract` by `scripts/schema_example.py`. Field meanings: [schema.md](schema.md).\n")
print("```json")
print(report.to_json(indent=2))
print("```")
