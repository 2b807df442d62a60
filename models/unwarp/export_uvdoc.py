import torch
from py_reform.models.uvdoc_model import UVDocNet, DEFAULT_MODEL_PATH, DEFAULT_IMG_SIZE
print("img_size", DEFAULT_IMG_SIZE)
ck = torch.load(DEFAULT_MODEL_PATH, map_location="cpu", weights_only=True)
print(type(ck), list(ck.keys())[:5] if isinstance(ck, dict) else None)
sd = ck["model_state"] if "model_state" in ck else ck
m = UVDocNet(num_filter=32, kernel_size=5); m.load_state_dict(sd); m.eval()
x = torch.rand(1, 3, 712, 488)
with torch.no_grad():
    p2, p3 = m(x)
print(p2.shape, p3.shape)
torch.onnx.export(m, x, "uvdoc.onnx", input_names=["input"], output_names=["points2d", "points3d"], opset_version=17, dynamo=False)
