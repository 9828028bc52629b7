// Command gensdk generates a Pulumi package's SDK for one language with Pulumi's own code generator, the library
// that `pulumi package gen-sdk` and `pulumi package add` reach through a language host's GeneratePackage call.
// This machine has no Python language host (the Go module proxy here does not serve it), so this main calls the
// library directly, as the host does: bind the schema with dangling references allowed, then
// python.GeneratePackage with the tool name the host passes ("pulumi-language-python"), so the files are the ones
// the host would write. Like `pulumi package add`, it turns SupportPack on.
//
// Referenced packages. A schema inferred from TypeScript components references the resources of the packages it
// depends on (`/aws/v7.48.0/schema.json#/resources/aws:apigateway%2FrestApi:RestApi`), and binding resolves each
// reference through a loader, which normally asks the provider plugin for its whole schema. The aws provider and
// its schema cannot be had here, so the loader serves, for each referenced package, a stand-in schema that holds
// only what Python code generation reads from a referenced package: its name and version, its module format (how
// a token maps onto a module), and each referenced resource token, with an empty spec. Python code generation
// writes a reference as `pulumi_<package>.<module>.<Class>` (codegen/python/gen.go, resourceType and
// modNameAndName) and needs nothing else from it: no properties, no types. The aws module format is the one
// Pulumi's own Python codegen test uses for "the schema taken from pulumi-aws and minified"
// (codegen/python/gen_resource_mappings_test.go): "(.*)(?:/[^/]*)", so aws:apigateway/restApi:RestApi lives in
// pulumi_aws.apigateway. What this cannot do: generate an SDK whose own types embed a referenced package's
// object types or enums (gensdk refuses a reference to a type of another package), or check a reference against the
// real aws schema (a token the real package lacks is not caught here; the engine spec imports every generated
// pulumi_aws reference from the installed pulumi-aws to catch that).
//
// usage: gensdk -schema <schema.json> -language python -out <dir>
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// moduleFormats are the `meta.moduleFormat` of the packages a schema may reference. A package missing here is
// refused with a message, rather than generated with guessed module paths.
var moduleFormats = map[string]string{
	"aws": "(.*)(?:/[^/]*)",
}

// A reference to another package's resource or type: /<package>/v<version>/schema.json#/<kind>/<escaped token>.
var externalRef = regexp.MustCompile(`^/([A-Za-z0-9_.-]+)/v([^/]+)/schema\.json#/(resources|types)/(.+)$`)

// referencedTokens walks a schema document and returns, by package name, the tokens it references there.
func referencedTokens(doc any, into map[string]map[string]string) error {
	switch v := doc.(type) {
	case map[string]any:
		for key, value := range v {
			if ref, ok := value.(string); ok && key == "$ref" {
				if m := externalRef.FindStringSubmatch(ref); m != nil {
					token, err := url.PathUnescape(m[4])
					if err != nil {
						return fmt.Errorf("reference %q: %w", ref, err)
					}
					if into[m[1]] == nil {
						into[m[1]] = map[string]string{}
					}
					into[m[1]][token] = m[3]
				}
				continue
			}
			if err := referencedTokens(value, into); err != nil {
				return err
			}
		}
	case []any:
		for _, value := range v {
			if err := referencedTokens(value, into); err != nil {
				return err
			}
		}
	}
	return nil
}

// referenceLoader serves the stand-in schema of each referenced package (see the package comment).
type referenceLoader struct {
	tokens map[string]map[string]string
	cache  map[string]*schema.Package
}

func (l *referenceLoader) LoadPackage(pkg string, version *semver.Version) (*schema.Package, error) {
	return l.LoadPackageV2(context.TODO(), &schema.PackageDescriptor{Name: pkg, Version: version})
}

func (l *referenceLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	key := d.String()
	if pkg, ok := l.cache[key]; ok {
		return pkg, nil
	}
	format, ok := moduleFormats[d.Name]
	if !ok {
		return nil, fmt.Errorf("package %s is referenced, but gensdk knows no module format for it (it knows %s)",
			key, strings.Join(sortedKeys(moduleFormats), ", "))
	}
	if d.Version == nil {
		return nil, fmt.Errorf("package %s is referenced without a version", d.Name)
	}
	spec := schema.PackageSpec{
		Name:      d.Name,
		Version:   d.Version.String(),
		Meta:      &schema.MetadataSpec{ModuleFormat: format},
		Resources: map[string]schema.ResourceSpec{},
		Types:     map[string]schema.ComplexTypeSpec{},
	}
	for token, kind := range l.tokens[d.Name] {
		if kind == "types" {
			return nil, fmt.Errorf("%s references the type %s of package %s: gensdk serves only resources of "+
				"referenced packages", key, token, d.Name)
		}
		spec.Resources[token] = schema.ResourceSpec{}
	}
	pkg, err := schema.ImportSpec(spec, nil, l, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, fmt.Errorf("stand-in schema of %s: %w", key, err)
	}
	l.cache[key] = pkg
	return pkg, nil
}

func (l *referenceLoader) LoadPackageReference(pkg string, version *semver.Version) (schema.PackageReference, error) {
	return l.LoadPackageReferenceV2(context.TODO(), &schema.PackageDescriptor{Name: pkg, Version: version})
}

func (l *referenceLoader) LoadPackageReferenceV2(
	ctx context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	pkg, err := l.LoadPackageV2(ctx, d)
	if err != nil {
		return nil, err
	}
	return pkg.Reference(), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func run(schemaFile, language, out string) error {
	if language != "python" {
		return fmt.Errorf("-language %q: only python is supported", language)
	}
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	loader := &referenceLoader{tokens: map[string]map[string]string{}, cache: map[string]*schema.Package{}}
	if err := referencedTokens(doc, loader.tokens); err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return fmt.Errorf("binding %s: %w", schemaFile, err)
	}
	if diags.HasErrors() {
		return fmt.Errorf("binding %s: %s", schemaFile, diags.Error())
	}
	pkg.SupportPack = true
	files, err := python.GeneratePackage("pulumi-language-python", pkg, nil, loader)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	for _, name := range sortedKeys(files) {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("generated %d files for %s %s into %s\n", len(files), pkg.Name, pkg.Version, out)
	return nil
}

func main() {
	schemaFile := flag.String("schema", "", "the package schema (JSON)")
	language := flag.String("language", "python", "the SDK language")
	out := flag.String("out", "", "the directory to write the SDK into (replaced)")
	flag.Parse()
	if *schemaFile == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gensdk -schema <schema.json> -language python -out <dir>")
		os.Exit(2)
	}
	if err := run(*schemaFile, *language, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gensdk: %v\n", err)
		os.Exit(1)
	}
}
