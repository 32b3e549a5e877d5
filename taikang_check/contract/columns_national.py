"""School columns for the national standard (教督〔2017〕6号): the seven resources, and the
parts of one-through schools."""

from __future__ import annotations

from taikang_check.contract.types import (
    Column,
    count_column,
    number_column,
)

NATIONAL_COLUMNS: tuple[Column, ...] = (
    # National standard resources (教督〔2017〕6号), whole school; one-through schools
    # also give each part's students and may give the junior part's resources.
    count_column(
        "qualified_teachers",
        "高于规定学历教师数",
        "具有高于规定学历的专任教师数",
        "teachers with qualifications above those required",
    ),
    count_column(
        "backbone_teachers",
        "县级以上骨干教师数",
        "县级及以上骨干教师数",
        "county-level or higher backbone teachers",
    ),
    count_column(
        "pe_art_teachers",
        "体育艺术专任教师数",
        "体育、艺术（美术、音乐）专任教师数",
        "PE and art (music, fine art) teachers",
    ),
    number_column(
        "teaching_area",
        "教学及辅助用房面积",
        "教学及辅助用房总面积（平方米）",
        "teaching and auxiliary floor area (m²)",
    ),
    number_column(
        "sports_area",
        "体育运动场馆面积",
        "体育运动场馆总面积（平方米）",
        "sports ground and hall area (m²)",
    ),
    number_column(
        "equipment_value",
        "教学仪器设备值",
        "教学仪器设备资产值（元）",
        "value of teaching equipment (yuan)",
    ),
    count_column(
        "multimedia_classrooms",
        "网络多媒体教室数",
        "网络多媒体教室间数",
        "networked multimedia classrooms",
    ),
    count_column(
        "primary_students",
        "小学部在校生数",
        "一贯制、完全中学的小学部在校生",
        "students of the primary part of a one-through school",
    ),
    count_column(
        "junior_students",
        "初中部在校生数",
        "一贯制、完全中学的初中部在校生",
        "students of the junior part of a one-through school",
    ),
    count_column(
        "junior_qualified_teachers",
        "初中部高于规定学历教师数",
        "一贯制学校、完全中学初中部的该项资源（不填则按学生数比例分摊）",
        "junior part's qualified_teachers (blank: split by students)",
    ),
    count_column(
        "junior_backbone_teachers",
        "初中部县级以上骨干教师数",
        "一贯制学校、完全中学初中部的该项资源（不填则按学生数比例分摊）",
        "junior part's backbone_teachers (blank: split by students)",
    ),
    count_column(
        "junior_pe_art_teachers",
        "初中部体育艺术专任教师数",
        "一贯制学校、完全中学初中部的该项资源（不填则按学生数比例分摊）",
        "junior part's pe_art_teachers (blank: split by students)",
    ),
    number_column(
        "junior_teaching_area",
        "初中部教学及辅助用房面积",
        "一贯制学校、完全中学初中部的该项资源（不填则按学生数比例分摊）",
        "junior part's teaching_area (blank: split by students)",
    ),
    number_column(
        "junior_sports_area",
        "初中部体育运动场馆面积",
        "一贯制学校、完全中学初中部的该项资源（不填则按学生数比例分摊）",
        "junior part's sports_area (blank: split by students)",
    ),
    number_column(
        "junior_equipment_value",
        "初中部教学仪器设备值",
        "一贯制学校、完全中学初中部的该项资源（不填则按学生数比例分摊）",
        "junior part's equipment_value (blank: split by students)",
    ),
    count_column(
        "junior_multimedia_classrooms",
        "初中部网络多媒体教室数",
        "一贯制学校、完全中学初中部的该项资源（不填则按学生数比例分摊）",
        "junior part's multimedia_classrooms (blank: split by students)",
    ),
    # Government guarantee (第六条) and quality (第七条) columns of each school.
    count_column(
        "music_rooms",
        "音乐专用教室数",
        "音乐专用教室间数",
        "music rooms",
    ),
    count_column(
        "art_rooms",
        "美术专用教室数",
        "美术专用教室间数",
        "art (fine art) rooms",
    ),
    number_column(
        "music_room_min_area",
        "音乐专用教室最小面积",
        "面积最小的一间音乐专用教室的面积（平方米）",
        "floor area of the smallest music room (m²)",
    ),
    number_column(
        "art_room_min_area",
        "美术专用教室最小面积",
        "面积最小的一间美术专用教室的面积（平方米）",
        "floor area of the smallest art room (m²)",
    ),
    count_column(
        "funded_students",
        "核定公用经费学生数",
        "核定公用经费所依据的学生数（不足100名学生的村小学和教学点按100名核定）",
        "students the public-funds allocation is computed for (100 for small village schools)",
    ),
    number_column(
        "public_funds_budget",
        "年度公用经费预算总额",
        "学校年度公用经费预算总额（元）",
        "the school's annual public-funds budget (yuan)",
    ),
    number_column(
        "teacher_training_funds",
        "教师培训经费",
        "年度公用经费中安排的教师培训经费（元）",
        "teacher-training funds set aside in that budget (yuan)",
    ),
)
