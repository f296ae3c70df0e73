"""The building-area survey (建筑楼宇面积调研表), declared once.

Every column of the survey is declared here as data: canonical name (with its unit as a
suffix), Chinese and English labels, dtype, unit, whether it is required, allowed values with
their synonyms, and the valid range. The template writer, the reader, the validator and the
store's checks are all driven by these declarations; nothing else lists survey columns.
"""

from __future__ import annotations

import datetime as _dt

from geo.shanghai import COORD_SYSTEMS as GEO_COORD_SYSTEMS
from geo.shanghai import DISTRICTS as GEO_DISTRICTS
from sheets.spec import (  # noqa: F401 - the survey's declarations use and re-export them
    COMPASS_DEG,
    EXAMPLE_MARK,
    SQL_TYPES,
    TOTAL_ROW_WORDS,
    UNIT_FACTORS,
    UNIT_LABELS,
    Choice,
    Column,
    TableSpec,
    normalise_key,
)
from surveys.messages import SURVEY_WORDING


def _c(value: str, label_en: str, *synonyms: str, former: tuple[str, ...] = ()) -> Choice:
    return Choice(value, label_en, tuple(synonyms), former)


# Shanghai's 16 districts (2016 onwards) and the map datums, declared in geo.shanghai.
DISTRICTS = tuple(_c(d.name, d.name_en, *d.synonyms, former=d.former) for d in GEO_DISTRICTS)

SCHOOL_TYPES = (
    _c("高校", "University", "高等院校", "高等学校", "大学", "学院", "高职", "高职院校",
       "职业技术学院", "高等职业学校", "高等专科学校", "university", "college", "higher education"),
    _c("中职", "Vocational school", "中等职业学校", "职业学校", "职校", "中专", "技校",
       "中等职业", "职业技术学校", "中等专业学校", "技工学校", "职业高中", "职高",
       "卫生学校", "卫校", "工业学校", "商业学校", "艺术学校", "体育运动学校", "旅游学校",
       "vocational", "vocational school", "secondary vocational"),
    _c("中小学", "Primary/secondary school", "中学", "小学", "初中", "高中", "九年一贯制",
       "九年一贯制学校", "十二年一贯制", "十二年一贯制学校", "一贯制", "一贯制学校", "完全中学",
       "完中", "初级中学", "高级中学", "特殊教育学校", "特殊教育", "特教", "培智学校", "辅读学校",
       "聋哑学校", "盲童学校", "工读学校", "专门学校", "实验学校", "外国语学校",
       "国际学校", "双语学校", "附属学校", "primary", "secondary", "school", "k12", "k-12",
       "international", "international school",
       "primary/secondary school"),
    _c("幼儿园", "Kindergarten", "幼稚园", "托幼", "托儿所", "学前", "学前教育", "kindergarten", "nursery"),
)

COORD_SYSTEMS = tuple(_c(c.name, c.label_en, *c.synonyms) for c in GEO_COORD_SYSTEMS)

# Narrow columns are filled with one character (教/办/宿, 平/坡/钢, 无/轻/重): each is a synonym.
BUILDING_USES = (
    _c("教学", "Teaching", "教", "教学楼", "教室", "teaching", "classroom", "academic"),
    _c("办公", "Office", "办", "办公楼", "行政", "行政楼", "office", "administration"),
    _c("宿舍", "Dormitory", "宿", "宿舍楼", "学生宿舍", "公寓", "dormitory", "dorm", "residence"),
    _c("食堂", "Canteen", "食", "餐厅", "饭堂", "canteen", "dining", "dining hall", "cafeteria"),
    _c("体育馆", "Gymnasium", "体育", "风雨操场", "游泳馆", "gym", "gymnasium", "sports hall", "sports",
       "sports centre", "sports center", "swimming pool", "natatorium"),
    _c("图书馆", "Library", "图书", "图文信息中心", "图文中心", "图文楼", "图书信息中心", "library"),
    _c("实验", "Laboratory", "实", "实验楼", "实训", "实训楼", "实验室", "lab", "laboratory"),
    _c("其他", "Other", "其它", "other", "others"),
)

ROOF_TYPES = (
    _c("混凝土平屋面", "Flat concrete", "平", "平屋面", "平屋顶", "平顶", "混凝土", "混凝土屋面", "钢筋混凝土",
       "上人屋面", "不上人屋面", "现浇屋面", "现浇混凝土", "flat", "flat roof", "concrete", "flat concrete", "flat concrete roof"),
    _c("彩钢瓦", "Steel sheet", "钢", "彩钢", "彩钢板", "金属屋面", "彩钢瓦屋面", "钢结构", "钢结构屋面", "钢屋面", "压型钢板", "轻钢", "轻钢屋面", "金属板", "金属板屋面",
       "铝镁锰", "铝镁锰板", "steel", "steel sheet",
       "metal", "metal roof"),
    _c("坡屋面", "Pitched", "坡", "坡屋顶", "坡顶", "平改坡", "瓦屋面", "斜屋面", "瓦屋顶", "瓦", "瓦面", "琉璃瓦", "小青瓦", "青瓦",
       "机平瓦", "平瓦", "水泥瓦", "沥青瓦", "油毡瓦", "pitched", "pitched roof", "tile", "tiled"),
    _c("其他", "Other", "其它", "other", "others"),
)

SHADING = (
    _c("无", "None", "没有", "无遮挡", "否", "×", "✗", "✘", "不遮挡", "无明显遮挡", "没有遮挡",
       "none", "no", "no shading", "unshaded"),
    # a shading named without its degree (有遮挡, 东侧树木遮挡) is read as slight
    _c("轻微", "Slight", "轻", "少量", "轻度", "一般", "局部", "部分", "局部遮挡", "部分遮挡", "遮挡", "有遮挡",
       "slight", "light", "minor", "some", "partial", "partly", "partly shaded",
       "partially shaded"),
    _c("严重", "Severe", "重", "较多", "重度", "严重遮挡", "遮挡严重", "大面积遮挡", "severe", "heavy", "major"),
)

ROOF_CONDITIONS = (
    _c("良好", "Good", "好", "完好", "较好", "很好", "优", "优良", "良", "正常", "较新", "新建", "good",
       "fine", "very good"),
    _c("一般", "Fair", "中", "中等", "尚可", "fair", "average", "ok"),
    _c("差", "Poor", "较差", "很差", "破损", "破旧", "老化", "开裂", "裂缝", "漏水", "渗漏", "需维修", "需要维修", "待维修", "待修",
       "需修缮", "需要修缮", "待修缮", "需翻修", "需大修", "锈蚀", "生锈", "poor", "bad", "needs repair",
       "needs repairs", "repair needed", "leaking", "leaks"),
)

THIS_YEAR = _dt.date.today().year

SCHOOL_COLUMNS: tuple[Column, ...] = (
    Column("school_code", "学校代码", "School code", "text", "school",
           "教育部门统一学校代码（标识码）", "School identification code issued by the education authority",
           required=True, aliases=("学校标识码", "学校编码", "单位代码", "园所代码", "学校识别码", "code",
                    "school id", "统一社会信用代码", "社会信用代码"),
           example="3101150001", width=16, fold_width=True),
    Column("school_name", "学校名称", "School name", "text", "school",
           "学校全称", "Full name of the school", required=True,
           aliases=("单位名称", "学校", "填报单位", "学校全称", "单位全称", "园所名称", "园名",
                    "幼儿园名称", "name", "school"),
           example="上海市示例中学", width=24),
    Column("district", "所在区", "District", "enum", "school",
           "学校所在的上海市行政区", "Shanghai district where the campus lies", required=True,
           choices=DISTRICTS, aliases=("区", "区县", "行政区", "所属区", "所在区县", "所属区县"),
           keywords=("区县",), example="浦东新区"),
    Column("school_type", "学校类型", "School type", "enum", "school",
           "高校、中职、中小学或幼儿园", "University, vocational, primary/secondary or kindergarten",
           required=True, choices=SCHOOL_TYPES,
           aliases=("学段", "办学类型", "学校类别", "园所类型", "办园类型", "type"),
           block_aliases=("类型",),
           example="中小学"),
    Column("latitude", "纬度", "Latitude", "float", "school",
           "校园中心纬度（十进制度）", "Campus centre latitude, decimal degrees", unit="deg",
           min_value=-90, max_value=90, aliases=("lat", "北纬"), example=31.2211, width=12),
    Column("longitude", "经度", "Longitude", "float", "school",
           "校园中心经度（十进制度）", "Campus centre longitude, decimal degrees", unit="deg",
           min_value=-180, max_value=180,
           # a pair pasted from a map picker sits under one of these; validation splits it
           aliases=("lon", "lng", "东经", "经纬度", "坐标", "经纬度坐标", "地理坐标", "位置坐标",
                    "坐标位置", "中心点坐标", "gps坐标", "coordinates", "lnglat"),
           example=121.5443,
           width=12),
    Column("coord_system", "坐标系", "Coordinate system", "enum", "school",
           "经纬度来源：GPS/天地图为WGS84，高德/腾讯为GCJ-02，百度为BD-09",
           "Where the coordinates come from: GPS is WGS84, Amap/Tencent GCJ-02, Baidu BD-09",
           choices=COORD_SYSTEMS, aliases=("坐标类型", "坐标来源", "坐标系统", "坐标体系", "地图来源",
                                           "坐标拾取来源", "crs"),
           keywords=("坐标系", "地图来源"), example="GCJ-02",
           default="WGS84"),
    Column("annual_electricity_kwh", "年用电量", "Annual electricity use", "float", "school",
           "上一年度全校用电量", "Whole-campus electricity use in the last year", unit="kwh",
           min_value=0, min_exclusive=True,
           aliases=("全年用电量", "年耗电量", "用电量", "年度用电量", "electricity use",
                    "annual electricity"), keywords=("用电",),
           example=1_850_000, width=16, plausible_max=2e8),
    Column("contact", "联系人及电话", "Contact", "text", "school",
           "填表联系人与电话", "Person who filled in the sheet, with phone",
           aliases=("联系人", "联系电话", "填表人", "电话", "联系方式", "手机", "contact person"), example="张老师 021-00000000",
           width=22),
)

BUILDING_COLUMNS: tuple[Column, ...] = (
    Column("building_name", "建筑名称", "Building name", "text", "building",
           "校内楼宇名称，同一学校内不重复", "Building name, unique within the school",
           required=True, aliases=("楼宇名称", "楼名", "建筑物名称", "楼栋", "名称", "楼栋名称",
                                    "building"), keywords=("楼号", "楼栋", "楼宇"),
           stand_ins=("栋号", "楼号", "幢号", "楼栋号", "编号", "建筑编号", "楼宇编号", "building no",
                      "building number", "no"),
           example="1号教学楼", width=18),
    Column("building_use", "建筑用途", "Building use", "enum", "building",
           "主要用途", "Main use", required=True, choices=BUILDING_USES,
           aliases=("用途", "使用功能", "功能", "use", "function", "purpose", "building use"), keywords=("用途", "功能"), example="教学",
           fallback_choice="其他", main_first=True),
    # from 1840: 19th-century school buildings still stand and are used (华东政法大学's 韬奋楼, 1894)
    Column("year_built", "建成年份", "Year built", "int", "building",
           "竣工年份", "Year of completion", unit="year", required=True, min_value=1840,
           max_value=THIS_YEAR, aliases=("建造年份", "建成年代", "竣工年份", "建设年份", "year",
                                         "投入使用年份", "投用年份", "启用年份", "交付使用年份",
                                         "year completed",
                                         "房龄", "楼龄", "建筑年龄"),  # ages: surveys.ages
           example=2005, width=12),
    Column("floors_above_ground", "地上层数", "Floors above ground", "int", "building",
           "地上层数", "Number of storeys above ground", unit="floors", required=True,
           min_value=1, max_value=150, aliases=("层数", "楼层数", "层", "楼层", "floors", "storeys", "stories", "no. of floors",
                                           "number of floors"), keywords=("层数",),
           example=5, width=12),
    Column("gross_floor_area_m2", "建筑面积", "Gross floor area", "float", "building",
           "总建筑面积", "Gross floor area", unit="m2", required=True, min_value=0,
           min_exclusive=True, aliases=("总建筑面积", "建筑面积合计", "总面积", "建筑总面积", "面积", "建面",
                                          "floor area", "gfa"),
           example=8600, width=14, plausible_max=1e6),
    Column("roof_area_m2", "屋顶面积", "Roof area", "float", "building",
           "屋面水平投影面积", "Roof area (plan projection)", unit="m2", required=True,
           min_value=0, min_exclusive=True, aliases=("屋面面积", "屋顶总面积", "屋面水平投影面积", "屋面积", "roof"),
           stand_ins=("占地面积", "建筑占地面积", "基底面积", "建筑基底面积", "footprint"),
           example=1720, width=14, plausible_max=1e6),
    Column("roof_type", "屋面类型", "Roof type", "enum", "building",
           "屋面构造", "Roof construction", required=True, choices=ROOF_TYPES,
           aliases=("屋顶类型", "屋面形式", "屋顶形式"), keywords=("屋面类", "屋顶类"),
           example="混凝土平屋面", width=16, main_first=True),
    Column("roof_tilt_deg", "屋面坡度", "Roof tilt", "float", "building",
           "坡屋面/彩钢瓦的倾角，平屋面填0或留空", "Tilt of pitched or steel roofs; 0 or blank for flat",
           unit="deg", min_value=0, max_value=90, aliases=("坡度", "倾角", "屋顶倾角", "屋面倾角", "tilt",
                                                    "roof tilt", "pitch", "roof pitch", "slope"),
           example=0, width=12, reads_slope=True),
    Column("roof_azimuth_deg", "屋面朝向", "Roof azimuth", "azimuth", "building",
           "坡屋面朝向：方位角（正北0°、正南180°）或“南”“东南”等",
           "Facing of a pitched roof: azimuth (north 0°, south 180°) or a word such as 南, SE",
           unit="deg", min_value=0, max_value=360,
           aliases=("朝向", "方位角", "屋顶朝向", "azimuth", "orientation"), example="南", width=12),
    Column("usable_roof_area_m2", "可利用屋顶面积", "Usable roof area", "float", "building",
           "可安装光伏的屋面面积（如已评估）", "Roof area usable for PV, if assessed", unit="m2",
           min_value=0, aliases=("可用屋顶面积", "可利用面积", "可安装面积", "usable area"),
           example=None, width=16, share_of="roof_area_m2"),
    Column("existing_pv_kw", "已建光伏容量", "Existing PV", "float", "building",
           "屋顶已安装光伏装机容量", "Capacity of PV already on the roof", unit="kw", min_value=0,
           aliases=("现有光伏", "已装光伏", "光伏装机", "已建光伏", "装机容量", "光伏装机容量",
                    "已建光伏容量", "装机规模", "existing pv capacity", "existing pv", "pv capacity"),
           keywords=("光伏", "装机"), example=0, none_value=0.0,
           width=14),
    Column("shading", "遮挡情况", "Shading", "enum", "building",
           "周边建筑或树木对屋面的遮挡", "Shading of the roof by neighbours or trees",
           choices=SHADING, aliases=("遮挡", "阴影"), keywords=("遮挡", "遮阴"), example="无",
           default="无", width=12),
    Column("roof_condition", "屋面状况", "Roof condition", "enum", "building",
           "防水与结构状况", "Waterproofing and structural condition", choices=ROOF_CONDITIONS,
           aliases=("屋顶状况", "屋面情况", "condition"), keywords=("现状", "状况"),
           example="良好", default="良好", width=12),
    Column("campus", "校区", "Campus", "text", "building",
           "楼宇所在校区，一校多址时填写（本部、东校区）",
           "Campus the building stands on, for schools on several sites",
           aliases=("校区名称", "所属校区", "所在校区", "校址", "校区校址", "campus", "site",
                    "园区", "园部", "所属园区"),
           example="", width=10),
    Column("notes", "备注", "Notes", "text", "building", "其他说明", "Anything else",
           aliases=("说明", "remarks", "remark", "note", "comments"), example="", width=24),
)


# Columns of the registers schools copy from (校舍安全, 房产, 资产): they resemble survey
# fields by their words but hold something else, so they are listed as not read.
OTHER_REGISTER_HEADERS = ("使用面积", "建筑使用面积", "套内面积", "土地面积", "用地面积", "宗地面积",
                          "产权证号", "房产证号", "资产编号", "资产原值", "地下建筑面积", "地下面积",
                          "地下层数", "usable floor area", "net floor area")
# A label naming a campus (东校区, 本部小计, 南汇分校): its rows' 校区 when theirs is blank.
CAMPUS_ENDINGS = ("校区", "分校", "本部", "分部", "院区", "园区")

# A table titled so holds buildings that do not stand (yet, or any more): not surveyed.
NOT_EXISTING_WORDS = ("拟建", "规划", "计划新建", "待建", "拟拆除", "已拆除", "planned")

SURVEY = TableSpec("survey", "建筑楼宇面积调研表", "Building-area survey",
                   SCHOOL_COLUMNS, BUILDING_COLUMNS, example_key="building_name",
                   messages=SURVEY_WORDING, noun_zh="调研表", noun_en="survey",
                   other_headers=OTHER_REGISTER_HEADERS, group_field="campus",
                   group_endings=CAMPUS_ENDINGS, other_table_words=NOT_EXISTING_WORDS)
ALL_COLUMNS: tuple[Column, ...] = SURVEY.columns
COLUMNS_BY_NAME: dict[str, Column] = SURVEY.by_name
