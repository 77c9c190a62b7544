namespace PersonalizedLine.Grains.Xlsx;

/// <summary>
/// The number formats a workbook refers to by id without spelling them out (ECMA-376 part 1, 18.8.30). Ids 14 and 22
/// are "the system's short date" in Excel, which differs by locale (3/5/2024 in the US, 05.03.2024 in Germany): here
/// they are the unambiguous ISO form, 2024-03-05. Ids not listed (locale-specific ones) are shown as General.
/// </summary>
internal static class BuiltInNumberFormats
{
    private static readonly Dictionary<int, string> Codes = new()
    {
        [1] = "0",
        [2] = "0.00",
        [3] = "#,##0",
        [4] = "#,##0.00",
        [9] = "0%",
        [10] = "0.00%",
        [11] = "0.00E+00",
        [12] = "# ?/?",
        [13] = "# ??/??",
        [14] = "yyyy-mm-dd",
        [15] = "d-mmm-yy",
        [16] = "d-mmm",
        [17] = "mmm-yy",
        [18] = "h:mm AM/PM",
        [19] = "h:mm:ss AM/PM",
        [20] = "h:mm",
        [21] = "h:mm:ss",
        [22] = "yyyy-mm-dd h:mm",
        [37] = "#,##0 ;(#,##0)",
        [38] = "#,##0 ;[Red](#,##0)",
        [39] = "#,##0.00;(#,##0.00)",
        [40] = "#,##0.00;[Red](#,##0.00)",
        [45] = "mm:ss",
        [46] = "[h]:mm:ss",
        [47] = "mm:ss.0",
        [48] = "##0.0E+0",
        [49] = "@",
    };

    /// <summary>The format code of a built-in id, or null for General (id 0) and ids without a fixed code.</summary>
    public static string? Code(int id) => Codes.GetValueOrDefault(id);
}
