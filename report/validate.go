package report

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemas caches compiled schemas by path: compiling the SARIF schema costs
// far more than validating one log.
var schemas sync.Map // string → *jsonschema.Schema

// ValidateSARIF checks a SARIF log against the JSON schema at schemaPath
// (report/testdata/sarif-schema-2.1.0.json), formats included. Tests call
// it, here and in the packages that write real scans.
func ValidateSARIF(data []byte, schemaPath string) error {
	sch, err := compileSchema(schemaPath)
	if err != nil {
		return err
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

func compileSchema(path string) (*jsonschema.Schema, error) {
	if s, ok := schemas.Load(path); ok {
		return s.(*jsonschema.Schema), nil
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(path)
	if err != nil {
		return nil, fmt.Errorf("compile SARIF schema %s: %w", path, err)
	}
	schemas.Store(path, sch)
	return sch, nil
}
