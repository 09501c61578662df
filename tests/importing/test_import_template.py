"""The blank sheet: headers, notes, drop-down lists, date formats, an example row — and a round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.commands.importing import run_import, run_template
from generator.importing import SheetError
from generator.importing.pipeline import RECIPES
from generator.importing.rows import EXAMPLE_MARK
from generator.project import load_content
from tests.conftest import run_jinlin
from tests.importing.helpers import record_files


def _validations(sheet) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Column letter → formula of its list validation."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            found[cells.coord.split(":")[0].rstrip("0123456789")] = validation.formula1
    return found


def test_activity_template(tmp_path: Path, mini_content: Path) -> None:
    output = tmp_path / "活动模板.xlsx"
    result = run_jinlin("import", "--template", "activity", "--output", str(output), "--content", str(mini_content))
    assert result.returncode == 0, result.stderr
    book = load_workbook(output)
    assert book.sheetnames == ["填写", "填写说明", "选项"] and book["选项"].sheet_state == "hidden"
    sheet = book["填写"]
    headers = [c.value for c in sheet[1]]
    assert headers[:6] == ["标题", "活动日期", "活动类型", "社区", "小区", "楼栋"]
    assert sheet["B1"].comment.text == "活动日期。必填。日期，例如 2026-11-03 或 2026/11/3。"
    assert sheet["G1"].comment.text == "牵头党组织，例如 恒江豪园小区党支部。选填。"  # the model's description
    assert "选填" in sheet["E1"].comment.text
    assert sheet["B2"].number_format == "yyyy-mm-dd" and sheet["B500"].number_format == "yyyy-mm-dd"
    assert str(sheet["A2"].value).startswith(EXAMPLE_MARK)
    lists = _validations(sheet)
    options = book["选项"]
    type_values = [options.cell(row=r, column=3).value for r in range(2, 14)]
    assert lists["C"] == "'选项'!$C$2:$C$13" and "走访慰问" in type_values and "评星评优" in type_values
    assert lists["D"] == "'选项'!$D$2:$D$2" and options["D2"].value == "载云桥社区"
    assert options["E2"].value == "天润小区"


def test_template_never_overwrites(tmp_path: Path, mini_content: Path) -> None:
    output = tmp_path / "模板.xlsx"
    output.write_bytes(b"filled in by hand")
    result = run_jinlin("import", "--template", "person", "--output", str(output), "--content", str(mini_content))
    assert result.returncode == 1 and "文件已存在" in result.stderr
    assert output.read_bytes() == b"filled in by hand"


def test_template_alone_imports_nothing(tmp_path: Path, mini_content: Path) -> None:
    output = tmp_path / "模板.xlsx"
    run_template("wish", str(output), str(mini_content))
    with pytest.raises(SheetError, match="没有写入任何文件") as excinfo:
        run_import("wish", str(output), str(mini_content), False)
    assert "没有要导入的数据行" in excinfo.value.problems[0].message


@pytest.mark.parametrize("kind", sorted(RECIPES))
def test_round_trip(tmp_path: Path, mini_content: Path, kind: str) -> None:
    """Generate the template, fill row 3 from the example (made real), import it."""
    output = tmp_path / f"{kind}.xlsx"
    run_template(kind, str(output), str(mini_content))
    book = load_workbook(output)
    sheet = book["填写"]
    for cell in sheet[2]:
        value = cell.value
        if isinstance(value, str) and value.startswith(EXAMPLE_MARK):
            value = value.removeprefix(EXAMPLE_MARK) + "甲"
        sheet.cell(row=3, column=cell.column, value=value)
    book.save(output)
    before = record_files(mini_content)
    run_import(kind, str(output), str(mini_content), False)
    added = record_files(mini_content) - before
    assert len(added) == 1, added
    content, problems = load_content(mini_content)
    assert content is not None and not [p for p in problems if p.is_error]
    text = (mini_content / added.pop()).read_text(encoding="utf-8")
    assert text.startswith(f"# 由 {kind}.xlsx 第 3 行导入") and EXAMPLE_MARK not in text
