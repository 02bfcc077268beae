"""Country demonyms and adjectives -> ISO 3166-1 alpha-2: the one table for places and actors.

Hand-written because no installed package has a complete list; the gazetteer build adds
countryinfo's demonyms on top of nothing else, and this table wins on conflicts. Demonyms
locate actors ("Kazakh police", "two Ukrainians"), not events: the places component marks
them as such, and the actors component reads an actor's country from them.
"""

from __future__ import annotations

DEMONYMS: dict[str, str] = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Angolan": "AO",
    "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Azeri": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belarusian": "BY",
    "Belgian": "BE", "Beninese": "BJ", "Bhutanese": "BT", "Bolivian": "BO", "Bosnian": "BA",
    "Brazilian": "BR", "British": "GB", "Briton": "GB", "Bulgarian": "BG", "Burkinabe": "BF",
    "Burmese": "MM", "Burundian": "BI", "Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA",
    "Chadian": "TD", "Chilean": "CL", "Chinese": "CN", "Colombian": "CO", "Congolese": "CD",
    "Costa Rican": "CR", "Croatian": "HR", "Croat": "HR", "Cuban": "CU", "Cypriot": "CY",
    "Czech": "CZ", "Danish": "DK", "Dane": "DK", "Djiboutian": "DJ", "Dominican": "DO",
    "Dutch": "NL", "Ecuadorian": "EC", "Egyptian": "EG", "Emirati": "AE", "English": "GB",
    "Eritrean": "ER", "Estonian": "EE", "Ethiopian": "ET", "Fijian": "FJ", "Filipino": "PH",
    "Finnish": "FI", "Finn": "FI", "French": "FR", "Gabonese": "GA", "Gambian": "GM",
    "Georgian": "GE", "German": "DE", "Ghanaian": "GH", "Greek": "GR", "Guatemalan": "GT",
    "Guinean": "GN", "Haitian": "HT", "Honduran": "HN", "Hungarian": "HU", "Icelandic": "IS",
    "Indian": "IN", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ", "Irish": "IE",
    "Israeli": "IL", "Italian": "IT", "Ivorian": "CI", "Jamaican": "JM", "Japanese": "JP",
    "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ", "Kenyan": "KE", "Kosovar": "XK",
    "Kuwaiti": "KW", "Kyrgyz": "KG", "Lao": "LA", "Laotian": "LA", "Latvian": "LV",
    "Lebanese": "LB", "Liberian": "LR", "Libyan": "LY", "Lithuanian": "LT", "Macedonian": "MK",
    "Malagasy": "MG", "Malawian": "MW", "Malaysian": "MY", "Malian": "ML", "Maltese": "MT",
    "Mauritanian": "MR", "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN", "Montenegrin": "ME",
    "Moroccan": "MA", "Mozambican": "MZ", "Namibian": "NA", "Nepali": "NP", "Nepalese": "NP",
    "New Zealander": "NZ", "Nicaraguan": "NI", "Nigerien": "NE", "Nigerian": "NG",
    "North Korean": "KP", "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK", "Palestinian": "PS",
    "Panamanian": "PA", "Paraguayan": "PY", "Peruvian": "PE", "Polish": "PL", "Pole": "PL",
    "Portuguese": "PT", "Qatari": "QA", "Romanian": "RO", "Russian": "RU", "Rwandan": "RW",
    "Salvadoran": "SV", "Saudi": "SA", "Saudi Arabian": "SA", "Scottish": "GB", "Senegalese": "SN",
    "Serbian": "RS", "Serb": "RS", "Sierra Leonean": "SL", "Singaporean": "SG", "Slovak": "SK",
    "Slovenian": "SI", "Somali": "SO", "South African": "ZA", "South Korean": "KR",
    "South Sudanese": "SS", "Spanish": "ES", "Sri Lankan": "LK", "Sudanese": "SD",
    "Swedish": "SE", "Swede": "SE", "Swiss": "CH", "Syrian": "SY", "Taiwanese": "TW",
    "Tajik": "TJ", "Tanzanian": "TZ", "Thai": "TH", "Togolese": "TG", "Tunisian": "TN",
    "Turkish": "TR", "Turk": "TR", "Turkmen": "TM", "Ugandan": "UG", "Ukrainian": "UA",
    "Uruguayan": "UY", "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN", "Welsh": "GB",
    "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "Kashmiri": "IN", "Gujarati": "IN",
    "Punjabi": "IN", "Sindhi": "PK", "Baloch": "PK", "Pashtun": "AF", "Kurdish": "IQ",
    "Tibetan": "CN", "Uyghur": "CN", "Uighur": "CN", "Chechen": "RU", "Crimean": "UA",
    "Somalian": "SO", "Kampuchean": "KH",
    # One country for a people that spans several (as "Kurdish" and "Punjabi" above), kept
    # from the actors component's old table: a bare "Korean" is taken as the South, "Tamil"
    # as Sri Lanka ("Tamil rebels") though India has more Tamils. In places a demonym only
    # votes for the article's country, at half a place name's weight.
    "Korean": "KR", "Tamil": "LK",
}

# Short country names and abbreviations, kept apart because they are not demonyms but the
# country's own name. Given to the places component as demonyms, a word NER did not tag
# ("iran", "britain" in lower-case text; "Soviet") would become a demonym there, which is never
# an event place; places leaves these to the gazetteer. Only the actors component reads them,
# as a country cue ("US troops", "Soviet tanks"), beside pycountry's full names ("Russian
# Federation" alone would miss "Russia").
COUNTRY_SHORT_NAMES: dict[str, str] = {
    "US": "US", "U.S.": "US", "USA": "US", "America": "US", "UK": "GB", "U.K.": "GB",
    "Britain": "GB", "Russia": "RU", "Soviet": "RU", "Iran": "IR", "Hong Kong": "HK",
}
