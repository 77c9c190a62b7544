using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>
/// The workbook's shared string table: the text of most string cells, referred to by index. Read item by item with
/// OpenXmlReader rather than as one document; it is held in memory because cells refer to it in any order.
/// </summary>
internal static class SharedStrings
{
    public static IReadOnlyList<string> Load(WorkbookPart workbook)
    {
        var part = workbook.SharedStringTablePart;
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(SpreadsheetText.Of(reader.LoadCurrentElement()!));
            }
        }

        return strings;
    }
}
