"""The reference taxonomy, taken from Wanzhou's 14th five-year S&T plan (seeds/001, 专栏 tables).

Codes are stable identifiers (imports, benchmarks, URLs); names are what users read.
"""
from __future__ import annotations

#: (code, name, [(sub_code, sub_name), ...]) in display order.
INDUSTRIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("new_materials", "新材料", [
        ("copper", "铜合金"),
        ("special_aluminium", "特铝"),
        ("compound_semiconductor", "化合物半导体"),
        ("green_building", "绿色建筑材料"),
        ("synthetic", "高性能合成材料"),
        ("basalt_fibre", "玄武岩纤维"),
    ]),
    ("equipment", "装备制造", [
        ("forging", "锻压设备"),
        ("shipbuilding", "特种船舶及配套"),
        ("intelligent", "智能装备"),
        ("vehicles", "专用车及汽车零部件"),
        ("surface_treatment", "表面处理"),
    ]),
    ("food", "食品加工", [
        ("grain_oil", "粮油精深加工"),
        ("meat", "肉制品"),
        ("fruit_veg", "果蔬加工"),
        ("condiments", "调味品"),
        ("cold_chain", "冷链物流"),
    ]),
    ("biomedicine", "生物医药", [
        ("api", "原料药"),
        ("tcm", "中药材"),
        ("medical_devices", "医疗器械"),
        ("vet", "兽药与饲料添加剂"),
    ]),
    ("new_energy", "新能源", [
        ("batteries", "锂电池"),
        ("nev", "新能源汽车"),
        ("hydrogen", "氢能"),
        ("photovoltaic", "光伏"),
    ]),
    ("electronics", "电子信息", [
        ("chips", "芯片与传感器"),
        ("lighting", "绿色照明"),
        ("software", "软件与大数据"),
        ("iot", "物联网"),
    ]),
    ("agriculture", "现代农业", [
        ("citrus", "柑橘"),
        ("livestock", "生态养殖"),
        ("aquaculture", "水产"),
        ("tea", "茶叶"),
        ("seeds", "种业"),
        ("smart_agri", "智慧农业"),
    ]),
    ("environment", "节能环保", [
        ("water", "水污染治理"),
        ("solid_waste", "固体废弃物利用"),
        ("geohazard", "地质灾害防治"),
        ("energy_saving", "节能降碳"),
    ]),
]

#: The 万达开 pool: (code, name, province).
REGIONS: list[tuple[str, str, str]] = [
    ("wanzhou", "万州", "重庆市"),
    ("dazhou", "达州", "四川省"),
    ("kaizhou", "开州", "重庆市"),
    ("yunyang", "云阳", "重庆市"),
]
