"""What several test modules share: documents and pages built in code, the
fault matrix's runs, the reference assertions, table checksums. Imported as
`from tests.support.NAME import ...`."""
