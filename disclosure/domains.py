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
