package dev.widescan.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Benign administrative PowerShell, as inline {@code -Command} text or as the UTF-16LE base64 of
 * {@code -EncodedCommand} (which is how PowerShell defines it, so the blob has the telltale
 * {@code AAA}-rich look of encoded ASCII, not uniformly random base64).
 */
final class ScriptText {
    private ScriptText() {
    }

    static final String[] STATEMENTS = {
        "$ProgressPreference = 'SilentlyContinue'; ",
        "[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; ",
        "Get-Service | Where-Object { $_.Status -eq 'Running' } | Select-Object Name, DisplayName; ",
        "Get-ChildItem -Path $env:TEMP -Recurse -Filter *.log | Remove-Item -Force -ErrorAction SilentlyContinue; ",
        "Invoke-WebRequest -Uri 'https://updates.example.net/agent/config.json' -OutFile \"$env:ProgramData\\Agent\\config.json\" -UseBasicParsing; ",
        "Get-CimInstance -ClassName Win32_OperatingSystem | Select-Object Caption, Version, LastBootUpTime; ",
        "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Contoso\\Agent' -Name LastRun -Value (Get-Date -Format o); ",
        "Get-WinEvent -LogName System -MaxEvents 50 | Export-Csv -NoTypeInformation -Path C:\\Logs\\system.csv; ",
        "if (Test-Path 'C:\\ProgramData\\Contoso\\lock') { exit 0 }; ",
        "Import-Module ActiveDirectory; Get-ADUser -Filter * -Properties LastLogonDate | Where-Object { $_.LastLogonDate -lt (Get-Date).AddDays(-90) }; ",
        "Start-Sleep -Seconds 5; ",
        "Write-Output \"inventory complete\"; ",
        "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' | Select-Object DisplayName, DisplayVersion; ",
        "Compress-Archive -Path C:\\Logs\\*.log -DestinationPath C:\\Logs\\archive.zip -Force; ",
        "Get-Volume | Where-Object DriveLetter | Format-Table -AutoSize; ",
        "Restart-Service -Name Spooler -Force; ",
        "Get-NetAdapter | Select-Object Name, Status, MacAddress, LinkSpeed; ",
        "$cfg = Get-Content -Raw -Path 'C:\\ProgramData\\Contoso\\settings.json' | ConvertFrom-Json; ",
        "Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 5; ",
        "foreach ($d in Get-PSDrive -PSProvider FileSystem) { '{0} {1:N1} GB free' -f $d.Name, ($d.Free / 1GB) }; ",
        "$log = Join-Path $env:ProgramData 'Contoso\\Logs\\run.log'; Add-Content -Path $log -Value (Get-Date); ",
        "try { Get-Printer | Out-File C:\\Logs\\printers.txt } catch { Write-Warning $_.Exception.Message }; ",
        "Get-LocalGroupMember -Group 'Administrators' | Select-Object Name, PrincipalSource; ",
        "$env:Path -split ';' | Where-Object { $_ } | Sort-Object -Unique; ",
    };

    static void appendStatements(Draw d, StringBuilder out, int targetLength) {
        while (out.length() < targetLength) {
            out.append(d.pick(STATEMENTS));
        }
    }

    /** Appends the base64 of the UTF-16LE script of about {@code chars} characters. */
    static void appendEncoded(Draw d, StringBuilder out, int chars, StringBuilder scratch) {
        scratch.setLength(0);
        appendStatements(d, scratch, chars);
        scratch.setLength(Math.max(1, chars));
        byte[] utf16 = scratch.toString().getBytes(StandardCharsets.UTF_16LE);
        out.append(new String(Base64.getEncoder().encode(utf16), StandardCharsets.ISO_8859_1));
    }
}
