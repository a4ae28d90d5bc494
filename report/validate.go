package report

import (
	"bytes"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ValidateSARIF checks a SARIF log against the JSON schema at schemaPath
// (report/testdata/sarif-schema-2.1.0.json), formats included. Tests call
// it, here and in the packages that write real scans.
func ValidateSARIF(data []byte, schemaPath string) error {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(schemaPath)
	if err != nil {
		return fmt.Errorf("compile SARIF schema %s: %w", schemaPath, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("SARIF log is not JSON: %w", err)
	}
	if err := sch.Validate(doc); err != nil {
		return fmt.Errorf("SARIF log does not match the 2.1.0 schema: %w", err)
	}
	return nil
}
