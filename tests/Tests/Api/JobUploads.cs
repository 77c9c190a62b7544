using System.Net.Http.Headers;
using System.Text;

namespace PersonalizedLine.Tests.Api;

/// <summary>Builds multipart job uploads the way curl -F does.</summary>
public static class JobUploads
{
    public static MultipartFormDataContent Csv(string csv, string fileName = "leads.csv", params (string Name, string Value)[] fields) =>
        File(Encoding.UTF8.GetBytes(csv), fileName, fields);

    public static MultipartFormDataContent File(byte[] content, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return form;
    }
}
