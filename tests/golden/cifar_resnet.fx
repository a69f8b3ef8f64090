ResNet(
  (conv1): Conv2d(3, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
  (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (layer1): Module(
    (0): Module(
      (conv1): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
    (1): Module(
      (conv1): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
  )
  (layer2): Module(
    (0): Module(
      (conv1): Conv2d(64, 128, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(128, 128, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (shortcut): Module(
        (0): Conv2d(64, 128, kernel_size=(1, 1), stride=(2, 2), bias=False)
        (1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
    )
    (1): Module(
      (conv1): Conv2d(128, 128, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(128, 128, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
  )
  (layer3): Module(
    (0): Module(
      (conv1): Conv2d(128, 256, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(256, 256, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (shortcut): Module(
        (0): Conv2d(128, 256, kernel_size=(1, 1), stride=(2, 2), bias=False)
        (1): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
    )
    (1): Module(
      (conv1): Conv2d(256, 256, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(256, 256, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
  )
  (layer4): Module(
    (0): Module(
      (conv1): Conv2d(256, 512, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(512, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(512, 512, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(512, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (shortcut): Module(
        (0): Conv2d(256, 512, kernel_size=(1, 1), stride=(2, 2), bias=False)
        (1): BatchNorm2d(512, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      )
    )
    (1): Module(
      (conv1): Conv2d(512, 512, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn1): BatchNorm2d(512, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(512, 512, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (bn2): BatchNorm2d(512, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    )
  )
  (linear): Linear(in_features=512, out_features=10, bias=True)
)



def forward(self, x):
    conv1 = self.conv1(x);  x = None
    bn1 = self.bn1(conv1);  conv1 = None
    relu = torch.nn.functional.relu(bn1, inplace = False);  bn1 = None
    layer1_0_conv1 = getattr(self.layer1, "0").conv1(relu)
    layer1_0_bn1 = getattr(self.layer1, "0").bn1(layer1_0_conv1);  layer1_0_conv1 = None
    relu_1 = torch.nn.functional.relu(layer1_0_bn1, inplace = False);  layer1_0_bn1 = None
    layer1_0_conv2 = getattr(self.layer1, "0").conv2(relu_1);  relu_1 = None
    layer1_0_bn2 = getattr(self.layer1, "0").bn2(layer1_0_conv2);  layer1_0_conv2 = None
    add = layer1_0_bn2 + relu;  layer1_0_bn2 = relu = None
    relu_2 = torch.nn.functional.relu(add, inplace = False);  add = None
    layer1_1_conv1 = getattr(self.layer1, "1").conv1(relu_2)
    layer1_1_bn1 = getattr(self.layer1, "1").bn1(layer1_1_conv1);  layer1_1_conv1 = None
    relu_3 = torch.nn.functional.relu(layer1_1_bn1, inplace = False);  layer1_1_bn1 = None
    layer1_1_conv2 = getattr(self.layer1, "1").conv2(relu_3);  relu_3 = None
    layer1_1_bn2 = getattr(self.layer1, "1").bn2(layer1_1_conv2);  layer1_1_conv2 = None
    add_1 = layer1_1_bn2 + relu_2;  layer1_1_bn2 = relu_2 = None
    relu_4 = torch.nn.functional.relu(add_1, inplace = False);  add_1 = None
    layer2_0_conv1 = getattr(self.layer2, "0").conv1(relu_4)
    layer2_0_bn1 = getattr(self.layer2, "0").bn1(layer2_0_conv1);  layer2_0_conv1 = None
    relu_5 = torch.nn.functional.relu(layer2_0_bn1, inplace = False);  layer2_0_bn1 = None
    layer2_0_conv2 = getattr(self.layer2, "0").conv2(relu_5);  relu_5 = None
    layer2_0_bn2 = getattr(self.layer2, "0").bn2(layer2_0_conv2);  layer2_0_conv2 = None
    layer2_0_shortcut_0 = getattr(getattr(self.layer2, "0").shortcut, "0")(relu_4);  relu_4 = None
    layer2_0_shortcut_1 = getattr(getattr(self.layer2, "0").shortcut, "1")(layer2_0_shortcut_0);  layer2_0_shortcut_0 = None
    add_2 = layer2_0_bn2 + layer2_0_shortcut_1;  layer2_0_bn2 = layer2_0_shortcut_1 = None
    relu_6 = torch.nn.functional.relu(add_2, inplace = False);  add_2 = None
    layer2_1_conv1 = getattr(self.layer2, "1").conv1(relu_6)
    layer2_1_bn1 = getattr(self.layer2, "1").bn1(layer2_1_conv1);  layer2_1_conv1 = None
    relu_7 = torch.nn.functional.relu(layer2_1_bn1, inplace = False);  layer2_1_bn1 = None
    layer2_1_conv2 = getattr(self.layer2, "1").conv2(relu_7);  relu_7 = None
    layer2_1_bn2 = getattr(self.layer2, "1").bn2(layer2_1_conv2);  layer2_1_conv2 = None
    add_3 = layer2_1_bn2 + relu_6;  layer2_1_bn2 = relu_6 = None
    relu_8 = torch.nn.functional.relu(add_3, inplace = False);  add_3 = None
    layer3_0_conv1 = getattr(self.layer3, "0").conv1(relu_8)
    layer3_0_bn1 = getattr(self.layer3, "0").bn1(layer3_0_conv1);  layer3_0_conv1 = None
    relu_9 = torch.nn.functional.relu(layer3_0_bn1, inplace = False);  layer3_0_bn1 = None
    layer3_0_conv2 = getattr(self.layer3, "0").conv2(relu_9);  relu_9 = None
    layer3_0_bn2 = getattr(self.layer3, "0").bn2(layer3_0_conv2);  layer3_0_conv2 = None
    layer3_0_shortcut_0 = getattr(getattr(self.layer3, "0").shortcut, "0")(relu_8);  relu_8 = None
    layer3_0_shortcut_1 = getattr(getattr(self.layer3, "0").shortcut, "1")(layer3_0_shortcut_0);  layer3_0_shortcut_0 = None
    add_4 = layer3_0_bn2 + layer3_0_shortcut_1;  layer3_0_bn2 = layer3_0_shortcut_1 = None
    relu_10 = torch.nn.functional.relu(add_4, inplace = False);  add_4 = None
    layer3_1_conv1 = getattr(self.layer3, "1").conv1(relu_10)
    layer3_1_bn1 = getattr(self.layer3, "1").bn1(layer3_1_conv1);  layer3_1_conv1 = None
    relu_11 = torch.nn.functional.relu(layer3_1_bn1, inplace = False);  layer3_1_bn1 = None
    layer3_1_conv2 = getattr(self.layer3, "1").conv2(relu_11);  relu_11 = None
    layer3_1_bn2 = getattr(self.layer3, "1").bn2(layer3_1_conv2);  layer3_1_conv2 = None
    add_5 = layer3_1_bn2 + relu_10;  layer3_1_bn2 = relu_10 = None
    relu_12 = torch.nn.functional.relu(add_5, inplace = False);  add_5 = None
    layer4_0_conv1 = getattr(self.layer4, "0").conv1(relu_12)
    layer4_0_bn1 = getattr(self.layer4, "0").bn1(layer4_0_conv1);  layer4_0_conv1 = None
    relu_13 = torch.nn.functional.relu(layer4_0_bn1, inplace = False);  layer4_0_bn1 = None
    layer4_0_conv2 = getattr(self.layer4, "0").conv2(relu_13);  relu_13 = None
    layer4_0_bn2 = getattr(self.layer4, "0").bn2(layer4_0_conv2);  layer4_0_conv2 = None
    layer4_0_shortcut_0 = getattr(getattr(self.layer4, "0").shortcut, "0")(relu_12);  relu_12 = None
    layer4_0_shortcut_1 = getattr(getattr(self.layer4, "0").shortcut, "1")(layer4_0_shortcut_0);  layer4_0_shortcut_0 = None
    add_6 = layer4_0_bn2 + layer4_0_shortcut_1;  layer4_0_bn2 = layer4_0_shortcut_1 = None
    relu_14 = torch.nn.functional.relu(add_6, inplace = False);  add_6 = None
    layer4_1_conv1 = getattr(self.layer4, "1").conv1(relu_14)
    layer4_1_bn1 = getattr(self.layer4, "1").bn1(layer4_1_conv1);  layer4_1_conv1 = None
    relu_15 = torch.nn.functional.relu(layer4_1_bn1, inplace = False);  layer4_1_bn1 = None
    layer4_1_conv2 = getattr(self.layer4, "1").conv2(relu_15);  relu_15 = None
    layer4_1_bn2 = getattr(self.layer4, "1").bn2(layer4_1_conv2);  layer4_1_conv2 = None
    add_7 = layer4_1_bn2 + relu_14;  layer4_1_bn2 = relu_14 = None
    relu_16 = torch.nn.functional.relu(add_7, inplace = False);  add_7 = None
    avg_pool2d = torch._C._nn.avg_pool2d(relu_16, 4);  relu_16 = None
    size = avg_pool2d.size(0)
    view = avg_pool2d.view(size, -1);  avg_pool2d = size = None
    linear = self.linear(view);  view = None
    return linear
    
