"""The 26 pilot domains of grassroots openness standardisation (seed 三(一)1, 附件1/附件3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    MAJOR_CONSTRUCTION = "major_construction", _("重大建设项目")
    PUBLIC_RESOURCE_TRADING = "public_resource_trading", _("公共资源交易")
    COMPULSORY_EDUCATION = "compulsory_education", _("义务教育")
    HOUSEHOLD_REGISTRATION = "household_registration", _("户籍管理")
    SOCIAL_ASSISTANCE = "social_assistance", _("社会救助")
    ELDERLY_CARE = "elderly_care", _("养老服务")
    PUBLIC_LEGAL_SERVICES = "public_legal_services", _("公共法律服务")
    BUDGETS_AND_ACCOUNTS = "budgets_and_accounts", _("财政预决算")
    EMPLOYMENT = "employment", _("就业创业")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险")
    SPATIAL_PLANNING = "spatial_planning", _("国土空间规划")
    LAND_EXPROPRIATION = "land_expropriation", _("征地补偿")
    ENVIRONMENTAL_PROTECTION = "environmental_protection", _("环境保护")
    HOUSING_EXPROPRIATION = "housing_expropriation", _("国有土地上房屋征收")
    SUBSIDISED_HOUSING = "subsidised_housing", _("保障性住房")
    RURAL_DILAPIDATED_HOUSING = "rural_dilapidated_housing", _("农村危房改造")
    URBAN_LAW_ENFORCEMENT = "urban_law_enforcement", _("城市综合执法")
    MUNICIPAL_SERVICES = "municipal_services", _("市政服务")
    AGRICULTURAL_SUBSIDIES = "agricultural_subsidies", _("涉农补贴")
    PUBLIC_CULTURE = "public_culture", _("公共文化服务")
    HEALTH_CARE = "health_care", _("医疗卫生")
    WORK_SAFETY = "work_safety", _("安全生产")
    DISASTER_RELIEF = "disaster_relief", _("救灾")
    FOOD_AND_DRUG = "food_and_drug", _("食品药品监管")
    POVERTY_ALLEVIATION = "poverty_alleviation", _("扶贫")
    TAX_ADMINISTRATION = "tax_administration", _("税收管理")


class StatutoryItem(models.TextChoices):
    """The items of proactive disclosure in Art. 20 and Art. 21 of the OGI Regulations."""

    A20_1 = "20-1", _("第二十条第（一）项 行政法规、规章和规范性文件")
    A20_2 = "20-2", _("第二十条第（二）项 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名")
    A20_3 = "20-3", _("第二十条第（三）项 国民经济和社会发展规划、专项规划、区域规划及相关政策")
    A20_4 = "20-4", _("第二十条第（四）项 国民经济和社会发展统计信息")
    A20_5 = "20-5", _("第二十条第（五）项 办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果")
    A20_6 = (
        "20-6",
        _("第二十条第（六）项 实施行政处罚、行政强制的依据、条件、程序以及有一定社会影响的行政处罚决定"),
    )
    A20_7 = "20-7", _("第二十条第（七）项 财政预算、决算信息")
    A20_8 = "20-8", _("第二十条第（八）项 行政事业性收费项目及其依据、标准")
    A20_9 = "20-9", _("第二十条第（九）项 政府集中采购项目的目录、标准及实施情况")
    A20_10 = "20-10", _("第二十条第（十）项 重大建设项目的批准和实施情况")
    A20_11 = (
        "20-11",
        _("第二十条第（十一）项 扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    )
    A20_12 = "20-12", _("第二十条第（十二）项 突发公共事件的应急预案、预警信息及应对情况")
    A20_13 = "20-13", _("第二十条第（十三）项 环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况")
    A20_14 = "20-14", _("第二十条第（十四）项 公务员招考的职位、名额、报考条件等事项以及录用结果")
    A20_15 = "20-15", _("第二十条第（十五）项 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息")
    A21_COUNTY = (
        "21-county",
        _(
            "第二十一条 县级政府及部门：市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等"
        ),
    )
    A21_TOWNSHIP = (
        "21-township",
        _(
            "第二十一条 乡（镇）：农村农业政策、水利工程、土地承包经营权流转、宅基地审核、土地及房屋征收、筹资筹劳、社会救助等"
        ),
    )
